-- Binôme store, schema version 9: privacy by default.
--
-- A coordinator's erasure of a person travels like any record; every
-- laptop that holds it blanks the person's names, service, phone and
-- email in the row, its concurrent versions and every later version it
-- receives (binome-domain's erasure.rs). One row per person: its id
-- derives from the person's.
CREATE TABLE erasures (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL,
    date TEXT NOT NULL,
    reference TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT, proof INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX erasures_person ON erasures (person_id);

-- A programme's pseudonym key (32 random bytes), sealed with age to the
-- coordinators' laptops listed in sealed_for: the HMAC key of the codes
-- that stand for persons in pseudonymised exports. One row per programme.
CREATE TABLE pseudonym_keys (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL,
    sealed TEXT NOT NULL,
    sealed_for TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT, proof INTEGER
) STRICT, WITHOUT ROWID;
