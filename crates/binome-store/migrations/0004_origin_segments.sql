-- Origin signatures (bundle format 2). A device signs the versions it
-- sends in segments: up to 256 (counter, hash) leaves under one ed25519
-- signature, named by the SHA-256 of what is signed. Receivers keep the
-- segments and note on each version the one that proves it, so that they
-- can relay any version with its origin's proof.
CREATE TABLE segments (
    id         BLOB PRIMARY KEY NOT NULL,
    origin     TEXT NOT NULL,
    leaves     BLOB NOT NULL,
    signature  BLOB NOT NULL
) STRICT, WITHOUT ROWID;

ALTER TABLE programmes ADD COLUMN proof BLOB;
ALTER TABLE organisations ADD COLUMN proof BLOB;
ALTER TABLE persons ADD COLUMN proof BLOB;
ALTER TABLE missions ADD COLUMN proof BLOB;
ALTER TABLE team_members ADD COLUMN proof BLOB;
ALTER TABLE enrolments ADD COLUMN proof BLOB;
ALTER TABLE sessions ADD COLUMN proof BLOB;
ALTER TABLE attendance ADD COLUMN proof BLOB;
ALTER TABLE test_scores ADD COLUMN proof BLOB;
ALTER TABLE frameworks ADD COLUMN proof BLOB;
ALTER TABLE assessments ADD COLUMN proof BLOB;
ALTER TABLE reviews ADD COLUMN proof BLOB;
ALTER TABLE person_merges ADD COLUMN proof BLOB;
ALTER TABLE row_heads ADD COLUMN proof BLOB;

-- A device's enrolment certificate as received with its bundles, passed
-- on when relaying its versions to laptops that never met it.
ALTER TABLE devices ADD COLUMN certificate TEXT;

-- Revoked devices: the key revoked, the last of its counters still
-- accepted, and the coordinator's signed record (passed on in every
-- bundle; null for a revocation decided on this laptop only).
CREATE TABLE revocations (
    device_id     TEXT PRIMARY KEY NOT NULL,
    signing_key   TEXT NOT NULL,
    last_counter  INTEGER NOT NULL,
    record        TEXT
) STRICT;

-- A device id claimed by a bundle with other keys than the ones recorded:
-- kept apart, for a person to choose by fingerprint, instead of blocking
-- the device recorded first (which may be the impostor).
CREATE TABLE device_claims (
    device_id      TEXT NOT NULL,
    signing_key    TEXT NOT NULL,
    age_recipient  TEXT NOT NULL,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    first_seen     INTEGER NOT NULL,
    PRIMARY KEY (device_id, signing_key)
) STRICT;
