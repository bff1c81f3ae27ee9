-- Binôme store, schema version 2: what bundle sync needs.

-- Concurrent versions of a row besides the one its table shows. A row's
-- heads are the versions no other known version dominates; the table
-- holds the winner (not deleted first, then highest HLC, then origin), this
-- table the others. More than one head with different values is a conflict.
CREATE TABLE row_heads (
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    origin      TEXT NOT NULL,
    hlc         INTEGER NOT NULL,
    vv          TEXT NOT NULL,
    author      TEXT NOT NULL,
    deleted     INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    data        TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id, origin, hlc)
) STRICT, WITHOUT ROWID;

-- Who made each version: kept per row so a relayed version keeps its author.
ALTER TABLE programmes ADD COLUMN author TEXT;
ALTER TABLE organisations ADD COLUMN author TEXT;
ALTER TABLE persons ADD COLUMN author TEXT;
ALTER TABLE missions ADD COLUMN author TEXT;
ALTER TABLE team_members ADD COLUMN author TEXT;
ALTER TABLE enrolments ADD COLUMN author TEXT;
ALTER TABLE sessions ADD COLUMN author TEXT;
ALTER TABLE attendance ADD COLUMN author TEXT;
ALTER TABLE test_scores ADD COLUMN author TEXT;
ALTER TABLE frameworks ADD COLUMN author TEXT;
ALTER TABLE assessments ADD COLUMN author TEXT;
ALTER TABLE reviews ADD COLUMN author TEXT;
ALTER TABLE person_merges ADD COLUMN author TEXT;

-- Devices this store knows: itself, and those it exchanges bundles with.
CREATE TABLE devices (
    device_id      TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('expert', 'referent', 'coordinator')),
    signing_key    TEXT NOT NULL,
    age_recipient  TEXT NOT NULL,
    trust          TEXT NOT NULL CHECK (trust IN ('self', 'trusted', 'relayed', 'pending', 'revoked', 'rejected')),
    -- From an enrolment certificate: the missions it may change (JSON), or null for all.
    missions       TEXT,
    first_seen     INTEGER NOT NULL,
    decided_at     INTEGER
) STRICT;

-- This laptop's secret keys (ed25519 signing key, age identity).
CREATE TABLE device_secrets (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    signing_secret  TEXT NOT NULL,
    age_identity    TEXT NOT NULL
) STRICT;

-- This laptop's enrolment certificate, from a coordinator (JSON).
CREATE TABLE device_certificate (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    certificate  TEXT NOT NULL
) STRICT;

-- Bundles already applied: a replay says "already imported".
CREATE TABLE bundles_seen (
    bundle_id    TEXT PRIMARY KEY NOT NULL,
    sender       TEXT NOT NULL,
    imported_at  INTEGER NOT NULL,
    counts       TEXT NOT NULL
) STRICT;

-- Bundles from devices not trusted yet, kept whole until someone decides.
CREATE TABLE quarantine (
    bundle_id    TEXT PRIMARY KEY NOT NULL,
    sender       TEXT NOT NULL,
    received_at  INTEGER NOT NULL,
    file         BLOB NOT NULL
) STRICT;

-- Bundles this laptop wrote: for each recipient, the change sequence it
-- covered. An incremental export to a peer starts after the highest one
-- that peer has acknowledged (acknowledgements travel in its bundles), so
-- a lost bundle is simply covered again.
CREATE TABLE exports (
    bundle_id   TEXT NOT NULL,
    peer        TEXT NOT NULL,
    up_to_seq   INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    acked_at    INTEGER,
    PRIMARY KEY (bundle_id, peer)
) STRICT;
