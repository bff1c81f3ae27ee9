-- Binôme store, schema version 8 (bundle format 3): segments are numbered
-- on this laptop, and each version names the one that proves it by that
-- number instead of its 32-byte id. A country's store holds two million
-- versions: the ids were 64 MB of its pages, written on every import and
-- read on every relay. The ids stay, unique, to keep each segment once.
CREATE TABLE segments_numbered (
    seq        INTEGER PRIMARY KEY,
    id         BLOB NOT NULL UNIQUE,
    origin     TEXT NOT NULL,
    leaves     BLOB NOT NULL,
    signature  BLOB NOT NULL
) STRICT;
INSERT INTO segments_numbered (id, origin, leaves, signature)
    SELECT id, origin, leaves, signature FROM segments ORDER BY origin, id;

ALTER TABLE programmes ADD COLUMN proof_seq INTEGER;
ALTER TABLE organisations ADD COLUMN proof_seq INTEGER;
ALTER TABLE persons ADD COLUMN proof_seq INTEGER;
ALTER TABLE missions ADD COLUMN proof_seq INTEGER;
ALTER TABLE team_members ADD COLUMN proof_seq INTEGER;
ALTER TABLE enrolments ADD COLUMN proof_seq INTEGER;
ALTER TABLE sessions ADD COLUMN proof_seq INTEGER;
ALTER TABLE attendance ADD COLUMN proof_seq INTEGER;
ALTER TABLE test_scores ADD COLUMN proof_seq INTEGER;
ALTER TABLE frameworks ADD COLUMN proof_seq INTEGER;
ALTER TABLE assessments ADD COLUMN proof_seq INTEGER;
ALTER TABLE reviews ADD COLUMN proof_seq INTEGER;
ALTER TABLE person_merges ADD COLUMN proof_seq INTEGER;
ALTER TABLE professions ADD COLUMN proof_seq INTEGER;
ALTER TABLE value_choices ADD COLUMN proof_seq INTEGER;
ALTER TABLE row_heads ADD COLUMN proof_seq INTEGER;

UPDATE programmes SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE organisations SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE persons SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE missions SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE team_members SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE enrolments SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE sessions SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE attendance SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE test_scores SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE frameworks SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE assessments SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE reviews SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE person_merges SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE professions SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE value_choices SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;
UPDATE row_heads SET proof_seq = (SELECT seq FROM segments_numbered s WHERE s.id = proof) WHERE proof IS NOT NULL;

ALTER TABLE programmes DROP COLUMN proof;
ALTER TABLE organisations DROP COLUMN proof;
ALTER TABLE persons DROP COLUMN proof;
ALTER TABLE missions DROP COLUMN proof;
ALTER TABLE team_members DROP COLUMN proof;
ALTER TABLE enrolments DROP COLUMN proof;
ALTER TABLE sessions DROP COLUMN proof;
ALTER TABLE attendance DROP COLUMN proof;
ALTER TABLE test_scores DROP COLUMN proof;
ALTER TABLE frameworks DROP COLUMN proof;
ALTER TABLE assessments DROP COLUMN proof;
ALTER TABLE reviews DROP COLUMN proof;
ALTER TABLE person_merges DROP COLUMN proof;
ALTER TABLE professions DROP COLUMN proof;
ALTER TABLE value_choices DROP COLUMN proof;
ALTER TABLE row_heads DROP COLUMN proof;

ALTER TABLE programmes RENAME COLUMN proof_seq TO proof;
ALTER TABLE organisations RENAME COLUMN proof_seq TO proof;
ALTER TABLE persons RENAME COLUMN proof_seq TO proof;
ALTER TABLE missions RENAME COLUMN proof_seq TO proof;
ALTER TABLE team_members RENAME COLUMN proof_seq TO proof;
ALTER TABLE enrolments RENAME COLUMN proof_seq TO proof;
ALTER TABLE sessions RENAME COLUMN proof_seq TO proof;
ALTER TABLE attendance RENAME COLUMN proof_seq TO proof;
ALTER TABLE test_scores RENAME COLUMN proof_seq TO proof;
ALTER TABLE frameworks RENAME COLUMN proof_seq TO proof;
ALTER TABLE assessments RENAME COLUMN proof_seq TO proof;
ALTER TABLE reviews RENAME COLUMN proof_seq TO proof;
ALTER TABLE person_merges RENAME COLUMN proof_seq TO proof;
ALTER TABLE professions RENAME COLUMN proof_seq TO proof;
ALTER TABLE value_choices RENAME COLUMN proof_seq TO proof;
ALTER TABLE row_heads RENAME COLUMN proof_seq TO proof;

DROP TABLE segments;
ALTER TABLE segments_numbered RENAME TO segments;
