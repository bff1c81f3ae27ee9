-- Binôme store, schema version 7: the value choices of imported lists
-- ("SFDE" → a profession, "HME" → a facility), made once per programme,
-- travel with the programme's other records, so the next mission's list
-- imports without the question on whichever laptop it is imported. The
-- local table of schema 5 stays: what it holds is still read, on this
-- laptop, under the synced choices.
CREATE TABLE value_choices (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value_key TEXT NOT NULL,
    value TEXT NOT NULL,
    mapped_to TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT, proof BLOB
) STRICT, WITHOUT ROWID;
CREATE INDEX value_choices_programme ON value_choices (programme_id);
