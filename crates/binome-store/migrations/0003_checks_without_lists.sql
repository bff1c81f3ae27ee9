-- Binôme store, schema version 3: the same rules, checked faster.
--
-- A CHECK (x IN ('a', 'b', 'c')) with more than two values makes SQLite
-- build a temporary index of the list every time a statement writing the
-- table runs. Every imported version appends to the change log and writes
-- its row, so that was a fifth of a bundle import (measured with perf,
-- benches/README.md). Written as OR chains the same rules cost a few
-- comparisons; lists of two values are compared directly and stay.
-- SQLite cannot alter a CHECK, so each table whose rows are written one
-- by one on imports and ticks is rebuilt the documented way: a new table,
-- the rows copied, the old one dropped, the new one renamed, its indexes
-- made again. The view over sessions is dropped first and made again last.
-- Tables written rarely (local_device, devices) keep their lists.

DROP VIEW session_status;

CREATE TABLE change_log_v3 (
    seq          INTEGER PRIMARY KEY,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op = 'create' OR op = 'update' OR op = 'delete' OR op = 'import'),
    actor        INTEGER NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
    hlc          INTEGER NOT NULL,
    recorded_at  INTEGER NOT NULL
) STRICT;
INSERT INTO change_log_v3 (seq, table_name, row_id, op, actor, hlc, recorded_at)
    SELECT seq, table_name, row_id, op, actor, hlc, recorded_at FROM change_log;
DROP TABLE change_log;
ALTER TABLE change_log_v3 RENAME TO change_log;

CREATE TABLE persons_v3 (
    id TEXT PRIMARY KEY NOT NULL,
    family_name TEXT NOT NULL,
    given_names TEXT,
    sex TEXT CHECK (sex IN ('female', 'male')),
    role TEXT NOT NULL CHECK (role = 'participant' OR role = 'expert' OR role = 'referent'),
    cadre TEXT,
    organisation_id TEXT,
    service TEXT,
    phone TEXT,
    email TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT
) STRICT, WITHOUT ROWID;
INSERT INTO persons_v3 (id, family_name, given_names, sex, role, cadre, organisation_id, service, phone, email, deleted, vv, hlc, origin, change_seq, extra, author)
    SELECT id, family_name, given_names, sex, role, cadre, organisation_id, service, phone, email, deleted, vv, hlc, origin, change_seq, extra, author FROM persons;
DROP TABLE persons;
ALTER TABLE persons_v3 RENAME TO persons;
CREATE INDEX persons_organisation ON persons (organisation_id);

CREATE TABLE missions_v3 (
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
    status TEXT NOT NULL CHECK (status = 'planned' OR status = 'ongoing' OR status = 'completed' OR status = 'cancelled'),
    debrief TEXT,
    recommendations TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT
) STRICT, WITHOUT ROWID;
INSERT INTO missions_v3 (id, programme_id, code, title, partner_org_id, host_org_id, city, start_date, end_date, objectives, status, debrief, recommendations, deleted, vv, hlc, origin, change_seq, extra, author)
    SELECT id, programme_id, code, title, partner_org_id, host_org_id, city, start_date, end_date, objectives, status, debrief, recommendations, deleted, vv, hlc, origin, change_seq, extra, author FROM missions;
DROP TABLE missions;
ALTER TABLE missions_v3 RENAME TO missions;
CREATE INDEX missions_programme ON missions (programme_id);

CREATE TABLE team_members_v3 (
    id TEXT PRIMARY KEY NOT NULL,
    mission_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    team_role TEXT NOT NULL CHECK (team_role = 'lead' OR team_role = 'expert' OR team_role = 'technical_referent' OR team_role = 'organisational_referent'),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT
) STRICT, WITHOUT ROWID;
INSERT INTO team_members_v3 (id, mission_id, person_id, team_role, deleted, vv, hlc, origin, change_seq, extra, author)
    SELECT id, mission_id, person_id, team_role, deleted, vv, hlc, origin, change_seq, extra, author FROM team_members;
DROP TABLE team_members;
ALTER TABLE team_members_v3 RENAME TO team_members;
CREATE INDEX team_members_mission ON team_members (mission_id);

CREATE TABLE sessions_v3 (
    id TEXT PRIMARY KEY NOT NULL,
    mission_id TEXT NOT NULL,
    title TEXT NOT NULL,
    theme TEXT,
    modality TEXT NOT NULL CHECK (modality = 'theory' OR modality = 'workshop' OR modality = 'bedside' OR modality = 'simulation' OR modality = 'placement' OR modality = 'supervision'),
    date TEXT NOT NULL,
    start_time TEXT,
    duration INTEGER NOT NULL CHECK (duration > 0),
    trainer_ids TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    notes TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT
) STRICT, WITHOUT ROWID;
INSERT INTO sessions_v3 (id, mission_id, title, theme, modality, date, start_time, duration, trainer_ids, status, notes, deleted, vv, hlc, origin, change_seq, extra, author)
    SELECT id, mission_id, title, theme, modality, date, start_time, duration, trainer_ids, status, notes, deleted, vv, hlc, origin, change_seq, extra, author FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v3 RENAME TO sessions;
CREATE INDEX sessions_mission ON sessions (mission_id, date);
CREATE INDEX sessions_date ON sessions (date);

CREATE TABLE attendance_v3 (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status = 'present' OR status = 'absent' OR status = 'late' OR status = 'left_early' OR status = 'excused'),
    note TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT
) STRICT, WITHOUT ROWID;
INSERT INTO attendance_v3 (id, session_id, person_id, status, note, deleted, vv, hlc, origin, change_seq, extra, author)
    SELECT id, session_id, person_id, status, note, deleted, vv, hlc, origin, change_seq, extra, author FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_v3 RENAME TO attendance;
-- Covering: indicators read attendance by session without touching the table.
CREATE INDEX attendance_session ON attendance (session_id, person_id, status, deleted);

-- As schema version 1 made it.
CREATE VIEW session_status AS
SELECT s.id AS session_id,
       CASE WHEN r.decision IS NOT NULL AND r.hlc > s.hlc THEN r.decision ELSE s.status END AS status
FROM sessions s
LEFT JOIN reviews r ON r.id = (
    SELECT r2.id FROM reviews r2
    WHERE r2.session_id = s.id AND r2.deleted = 0
    ORDER BY r2.hlc DESC, r2.id DESC LIMIT 1
);
