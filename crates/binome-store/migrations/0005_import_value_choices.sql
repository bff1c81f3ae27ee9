-- Local to this laptop, never in a bundle: how its person mapped a value
-- of an imported sheet ("SFDE" → sage_femme, "HME" → a facility's id), per
-- programme, so that the next mission's list imports without asking.
-- A later choice for the same value replaces the earlier one.
CREATE TABLE import_value_choices (
    programme_id TEXT NOT NULL,
    field        TEXT NOT NULL,
    value_key    TEXT NOT NULL,
    value        TEXT NOT NULL,
    target       TEXT NOT NULL,
    chosen_at    TEXT NOT NULL,
    PRIMARY KEY (programme_id, field, value_key)
) STRICT, WITHOUT ROWID;
