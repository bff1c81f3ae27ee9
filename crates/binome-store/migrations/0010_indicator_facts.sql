-- Binôme store, schema version 10: the indicators' facts, compact.
--
-- A dashboard counts every live attendance, test score and assessment.
-- Read from the records, that is most of a country's store, mostly
-- 36-character ids, and on an encrypted store every page read is
-- decrypted and checked (benches/README.md). The same facts with their
-- ids numbered are a small part of it. Triggers keep them in the write
-- that changes a record, so every way a record is written (a form, a
-- spreadsheet, a bundle, a merge) keeps them right. Local to the laptop:
-- bundles never carry them.

-- The ids facts refer to (sessions, persons, frameworks, competencies,
-- missions), each numbered once; never removed, so a number keeps its id.
CREATE TABLE fact_keys (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE
) STRICT;

-- One row per live attendance record; found by its record's id when the
-- record changes, read whole through the covering index.
CREATE TABLE attendance_facts (
    attendance_id TEXT NOT NULL UNIQUE,
    session_n INTEGER NOT NULL,
    person_n INTEGER NOT NULL,
    status TEXT NOT NULL
) STRICT;

CREATE VIEW attendance_fact_rows AS
    SELECT a.id AS attendance_id, s.n AS session_n, p.n AS person_n, a.status
    FROM attendance a
    JOIN fact_keys s ON s.id = a.session_id
    JOIN fact_keys p ON p.id = a.person_id
    WHERE a.deleted = 0;

CREATE TABLE score_facts (
    score_id TEXT NOT NULL UNIQUE,
    session_n INTEGER NOT NULL,
    person_n INTEGER NOT NULL,
    phase TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL
) STRICT;

CREATE VIEW score_fact_rows AS
    SELECT t.id AS score_id, s.n AS session_n, p.n AS person_n, t.phase, t.score, t.max_score
    FROM test_scores t
    JOIN fact_keys s ON s.id = t.session_id
    JOIN fact_keys p ON p.id = t.person_id
    WHERE t.deleted = 0;

-- Ratings are the scale's codes, as the record holds them: an
-- assessment's level depends on its framework, which may change.
CREATE TABLE assessment_facts (
    assessment_id TEXT NOT NULL UNIQUE,
    person_n INTEGER NOT NULL,
    framework_n INTEGER NOT NULL,
    competency_n INTEGER NOT NULL,
    mission_n INTEGER,
    date TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    ratings TEXT NOT NULL
) STRICT;

CREATE VIEW assessment_fact_rows AS
    SELECT a.id AS assessment_id, p.n AS person_n, f.n AS framework_n, c.n AS competency_n, m.n AS mission_n,
           a.date, a.hlc, a.ratings
    FROM assessments a
    JOIN fact_keys p ON p.id = a.person_id
    JOIN fact_keys f ON f.id = a.framework_id
    JOIN fact_keys c ON c.id = a.competency_id
    LEFT JOIN fact_keys m ON m.id = a.mission_id
    WHERE a.deleted = 0;

-- A record's ids are numbered whether it is live or not: a deleted
-- record brought back by a later version finds them. Upserts, not OR
-- IGNORE: the record's own upsert overrules a trigger's OR clause. A
-- live record's fact is changed in place rather than removed and added
-- again: an attendance tick then rewrites two pages of the copy, not
-- five (each page written is encrypted and checked).
CREATE TRIGGER attendance_facts_on_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO fact_keys (id) VALUES (NEW.session_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.person_id) ON CONFLICT (id) DO NOTHING;
    UPDATE attendance_facts SET (session_n, person_n, status) = (SELECT session_n, person_n, status FROM attendance_fact_rows WHERE attendance_id = NEW.id)
        WHERE attendance_id = NEW.id AND NEW.deleted = 0;
    INSERT INTO attendance_facts (attendance_id, session_n, person_n, status)
        SELECT attendance_id, session_n, person_n, status FROM attendance_fact_rows WHERE attendance_id = NEW.id
        ON CONFLICT (attendance_id) DO NOTHING;
    DELETE FROM attendance_facts WHERE attendance_id = NEW.id AND NEW.deleted = 1;
END;
CREATE TRIGGER attendance_facts_on_update AFTER UPDATE ON attendance BEGIN
    INSERT INTO fact_keys (id) VALUES (NEW.session_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.person_id) ON CONFLICT (id) DO NOTHING;
    UPDATE attendance_facts SET (session_n, person_n, status) = (SELECT session_n, person_n, status FROM attendance_fact_rows WHERE attendance_id = NEW.id)
        WHERE attendance_id = NEW.id AND NEW.deleted = 0;
    INSERT INTO attendance_facts (attendance_id, session_n, person_n, status)
        SELECT attendance_id, session_n, person_n, status FROM attendance_fact_rows WHERE attendance_id = NEW.id
        ON CONFLICT (attendance_id) DO NOTHING;
    DELETE FROM attendance_facts WHERE attendance_id = NEW.id AND NEW.deleted = 1;
END;
CREATE TRIGGER attendance_facts_on_delete AFTER DELETE ON attendance BEGIN
    DELETE FROM attendance_facts WHERE attendance_id = OLD.id;
END;

CREATE TRIGGER score_facts_on_insert AFTER INSERT ON test_scores BEGIN
    INSERT INTO fact_keys (id) VALUES (NEW.session_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.person_id) ON CONFLICT (id) DO NOTHING;
    UPDATE score_facts SET (session_n, person_n, phase, score, max_score) = (SELECT session_n, person_n, phase, score, max_score FROM score_fact_rows WHERE score_id = NEW.id)
        WHERE score_id = NEW.id AND NEW.deleted = 0;
    INSERT INTO score_facts (score_id, session_n, person_n, phase, score, max_score)
        SELECT score_id, session_n, person_n, phase, score, max_score FROM score_fact_rows WHERE score_id = NEW.id
        ON CONFLICT (score_id) DO NOTHING;
    DELETE FROM score_facts WHERE score_id = NEW.id AND NEW.deleted = 1;
END;
CREATE TRIGGER score_facts_on_update AFTER UPDATE ON test_scores BEGIN
    INSERT INTO fact_keys (id) VALUES (NEW.session_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.person_id) ON CONFLICT (id) DO NOTHING;
    UPDATE score_facts SET (session_n, person_n, phase, score, max_score) = (SELECT session_n, person_n, phase, score, max_score FROM score_fact_rows WHERE score_id = NEW.id)
        WHERE score_id = NEW.id AND NEW.deleted = 0;
    INSERT INTO score_facts (score_id, session_n, person_n, phase, score, max_score)
        SELECT score_id, session_n, person_n, phase, score, max_score FROM score_fact_rows WHERE score_id = NEW.id
        ON CONFLICT (score_id) DO NOTHING;
    DELETE FROM score_facts WHERE score_id = NEW.id AND NEW.deleted = 1;
END;
CREATE TRIGGER score_facts_on_delete AFTER DELETE ON test_scores BEGIN
    DELETE FROM score_facts WHERE score_id = OLD.id;
END;

CREATE TRIGGER assessment_facts_on_insert AFTER INSERT ON assessments BEGIN
    INSERT INTO fact_keys (id) VALUES (NEW.person_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.framework_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.competency_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) SELECT NEW.mission_id WHERE NEW.mission_id IS NOT NULL ON CONFLICT (id) DO NOTHING;
    UPDATE assessment_facts SET (person_n, framework_n, competency_n, mission_n, date, hlc, ratings) = (SELECT person_n, framework_n, competency_n, mission_n, date, hlc, ratings FROM assessment_fact_rows WHERE assessment_id = NEW.id)
        WHERE assessment_id = NEW.id AND NEW.deleted = 0;
    INSERT INTO assessment_facts (assessment_id, person_n, framework_n, competency_n, mission_n, date, hlc, ratings)
        SELECT assessment_id, person_n, framework_n, competency_n, mission_n, date, hlc, ratings FROM assessment_fact_rows WHERE assessment_id = NEW.id
        ON CONFLICT (assessment_id) DO NOTHING;
    DELETE FROM assessment_facts WHERE assessment_id = NEW.id AND NEW.deleted = 1;
END;
CREATE TRIGGER assessment_facts_on_update AFTER UPDATE ON assessments BEGIN
    INSERT INTO fact_keys (id) VALUES (NEW.person_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.framework_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) VALUES (NEW.competency_id) ON CONFLICT (id) DO NOTHING;
    INSERT INTO fact_keys (id) SELECT NEW.mission_id WHERE NEW.mission_id IS NOT NULL ON CONFLICT (id) DO NOTHING;
    UPDATE assessment_facts SET (person_n, framework_n, competency_n, mission_n, date, hlc, ratings) = (SELECT person_n, framework_n, competency_n, mission_n, date, hlc, ratings FROM assessment_fact_rows WHERE assessment_id = NEW.id)
        WHERE assessment_id = NEW.id AND NEW.deleted = 0;
    INSERT INTO assessment_facts (assessment_id, person_n, framework_n, competency_n, mission_n, date, hlc, ratings)
        SELECT assessment_id, person_n, framework_n, competency_n, mission_n, date, hlc, ratings FROM assessment_fact_rows WHERE assessment_id = NEW.id
        ON CONFLICT (assessment_id) DO NOTHING;
    DELETE FROM assessment_facts WHERE assessment_id = NEW.id AND NEW.deleted = 1;
END;
CREATE TRIGGER assessment_facts_on_delete AFTER DELETE ON assessments BEGIN
    DELETE FROM assessment_facts WHERE assessment_id = OLD.id;
END;

-- The facts of the records a store already holds, in the records' key
-- order (each copy's unique key then grows at its end), the read indexes
-- built once after.
INSERT INTO fact_keys (id)
    SELECT session_id FROM attendance UNION SELECT person_id FROM attendance
    UNION SELECT session_id FROM test_scores UNION SELECT person_id FROM test_scores
    UNION SELECT person_id FROM assessments UNION SELECT framework_id FROM assessments
    UNION SELECT competency_id FROM assessments
    UNION SELECT mission_id FROM assessments WHERE mission_id IS NOT NULL;
INSERT INTO attendance_facts (attendance_id, session_n, person_n, status)
    SELECT attendance_id, session_n, person_n, status FROM attendance_fact_rows ORDER BY attendance_id;
INSERT INTO score_facts (score_id, session_n, person_n, phase, score, max_score)
    SELECT score_id, session_n, person_n, phase, score, max_score FROM score_fact_rows ORDER BY score_id;
INSERT INTO assessment_facts (assessment_id, person_n, framework_n, competency_n, mission_n, date, hlc, ratings)
    SELECT assessment_id, person_n, framework_n, competency_n, mission_n, date, hlc, ratings FROM assessment_fact_rows
    ORDER BY assessment_id;
CREATE INDEX attendance_facts_read ON attendance_facts (session_n, person_n, status);
CREATE INDEX score_facts_read ON score_facts (session_n, person_n, phase, score, max_score);
