-- Binôme store, schema version 1.
--
-- Every synced table carries, besides its fields:
--   id          UUID text; v7 for free-standing records, v5 of the natural key
--   deleted     tombstone flag: nothing is ever removed
--   vv          version vector, JSON {device id: counter}, sorted keys
--   hlc         hybrid logical clock stamp of this version (ms << 16 | counter)
--   origin      device that made this version
--   change_seq  local change_log.seq of the last change here (device-local)
--   extra       fields from a newer Binôme, kept as JSON so they are not lost
-- Synced tables are WITHOUT ROWID: the UUID is the key, with no second
-- index to keep. Synced rows may arrive before their parent, so references between synced
-- tables are not foreign keys; orphans are reported (`binome check`).

CREATE TABLE local_device (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    author      TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('expert', 'referent', 'coordinator')),
    counter     INTEGER NOT NULL DEFAULT 0,
    hlc         INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
) STRICT;

-- Who made changes: a device and the person using it. Kept apart so the
-- change log stays small at a million rows.
CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    device  TEXT NOT NULL,
    author  TEXT NOT NULL,
    UNIQUE (device, author)
) STRICT;

-- The audit trail and the local order of changes. `seq` is what each
-- row's change_seq points at. No index on row_id: "who changed this" is a
-- rare question, a scan answers it, and at a million rows the index would
-- double the cost of every write.
CREATE TABLE change_log (
    seq          INTEGER PRIMARY KEY,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'import')),
    actor        INTEGER NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    hlc          INTEGER NOT NULL,
    recorded_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE programmes (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    funder TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT,
    hours_per_day REAL NOT NULL DEFAULT 7 CHECK (hours_per_day > 0),
    pass_mark REAL NOT NULL DEFAULT 80 CHECK (pass_mark BETWEEN 0 AND 100),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('partner', 'host')),
    level TEXT NOT NULL,
    city TEXT,
    country TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE persons (
    id TEXT PRIMARY KEY NOT NULL,
    family_name TEXT NOT NULL,
    given_names TEXT,
    sex TEXT CHECK (sex IN ('female', 'male')),
    role TEXT NOT NULL CHECK (role IN ('participant', 'expert', 'referent')),
    cadre TEXT,
    organisation_id TEXT,
    service TEXT,
    phone TEXT,
    email TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX persons_organisation ON persons (organisation_id);

CREATE TABLE missions (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    partner_org_id TEXT,
    host_org_id TEXT NOT NULL,
    city TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    objectives TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'completed', 'cancelled')),
    debrief TEXT,
    recommendations TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX missions_programme ON missions (programme_id);

CREATE TABLE team_members (
    id TEXT PRIMARY KEY NOT NULL,
    mission_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    team_role TEXT NOT NULL CHECK (team_role IN ('lead', 'expert', 'technical_referent', 'organisational_referent')),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX team_members_mission ON team_members (mission_id);

CREATE TABLE enrolments (
    id TEXT PRIMARY KEY NOT NULL,
    mission_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX enrolments_mission ON enrolments (mission_id, person_id);
CREATE INDEX enrolments_person ON enrolments (person_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    mission_id TEXT NOT NULL,
    title TEXT NOT NULL,
    theme TEXT,
    modality TEXT NOT NULL CHECK (modality IN ('theory', 'workshop', 'bedside', 'simulation', 'placement', 'supervision')),
    date TEXT NOT NULL,
    start_time TEXT,
    duration INTEGER NOT NULL CHECK (duration > 0),
    trainer_ids TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    notes TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_mission ON sessions (mission_id, date);
CREATE INDEX sessions_date ON sessions (date);

CREATE TABLE attendance (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'left_early', 'excused')),
    note TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
-- Covering: indicators read attendance by session without touching the table.
CREATE INDEX attendance_session ON attendance (session_id, person_id, status, deleted);

CREATE TABLE test_scores (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    score REAL NOT NULL CHECK (score >= 0),
    max_score REAL NOT NULL CHECK (max_score > 0),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX test_scores_session ON test_scores (session_id, person_id, phase, score, max_score, deleted);

CREATE TABLE frameworks (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    programme_id TEXT,
    kirkpatrick TEXT,
    scale TEXT NOT NULL,
    domains TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE assessments (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL,
    framework_id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    assessor_id TEXT,
    date TEXT NOT NULL,
    context TEXT NOT NULL CHECK (context IN ('training', 'follow_up')),
    mission_id TEXT,
    session_id TEXT,
    ratings TEXT NOT NULL,
    comment TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX assessments_person ON assessments (person_id, competency_id);
CREATE INDEX assessments_date ON assessments (date);

CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL,
    reviewer_id TEXT,
    decision TEXT NOT NULL CHECK (decision IN ('validated', 'returned')),
    comment TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX reviews_session ON reviews (session_id, hlc);

CREATE TABLE person_merges (
    id TEXT PRIMARY KEY NOT NULL,
    kept_id TEXT NOT NULL,
    merged_id TEXT NOT NULL,
    reason TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT
) STRICT, WITHOUT ROWID;

-- Device-local, derived from person_merges: which person a merged record
-- now counts as. Rebuilt whenever merges change.
CREATE TABLE person_aliases (
    person_id TEXT PRIMARY KEY NOT NULL,
    canonical_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The status a session shows: the latest review's decision when that review
-- was made after the session's current version, else the expert's status.
-- The HLC makes "after" hold across laptops whose clocks disagree.
CREATE VIEW session_status AS
SELECT s.id AS session_id,
       CASE WHEN r.decision IS NOT NULL AND r.hlc > s.hlc THEN r.decision ELSE s.status END AS status
FROM sessions s
LEFT JOIN reviews r ON r.id = (
    SELECT r2.id FROM reviews r2
    WHERE r2.session_id = s.id AND r2.deleted = 0
    ORDER BY r2.hlc DESC, r2.id DESC LIMIT 1
);
