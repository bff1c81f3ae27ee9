-- Binôme store, schema version 6: each programme keeps the titles its
-- people use ("SFDE", "ATS", "matrone"), each counted in one common
-- category, an ISCO-08 health occupation, so that indicators add up
-- across programmes. A person names one of them, or, as before, one of
-- the professions every programme knows (`cadre`), whose category the
-- domain states; nothing recorded before this version is rewritten.
CREATE TABLE professions (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vv TEXT NOT NULL, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
    change_seq INTEGER NOT NULL, extra TEXT, author TEXT, proof BLOB
) STRICT, WITHOUT ROWID;
CREATE INDEX professions_programme ON professions (programme_id);

ALTER TABLE persons ADD COLUMN profession_id TEXT;
