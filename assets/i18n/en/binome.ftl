# Binôme — message catalogue, English.
# Shared by the CLI (fluent-bundle) and the app (@fluent/bundle).

## Record kinds
kind-programme = programme
kind-organisation = organisation
kind-person = person
kind-mission = mission
kind-team-member = team member
kind-enrolment = enrolment
kind-session = session
kind-attendance = attendance
kind-score = test score
kind-framework = competency framework
kind-assessment = assessment
kind-review = review
kind-person-merge = person merge
kind-profession = programme profession
kind-value-choice = import value choice
kind-erasure = person erasure
kind-pseudonym-key = pseudonym key

## Fields
field-code = Code
field-name = Name
field-country = Country
field-funder = Funder
field-start_date = Start date
field-end_date = End date
field-hours_per_day = Hours per day
field-pass_mark = Pass mark (%)
field-kind = Type
field-level = Level
field-city = City
field-family_name = Family name
field-given_names = Given names
field-sex = Sex
field-role = Role
field-cadre = Cadre
field-organisation_id = Facility
field-service = Department
field-phone = Phone
field-email = Email
field-programme_id = Programme
field-title = Title
field-partner_org_id = Partner
field-host_org_id = Host facility
field-objectives = Objectives
field-status = Status
field-debrief = Debrief
field-recommendations = Recommendations
field-mission_id = Mission
field-person_id = Person
field-team_role = Team role
field-theme = Theme
field-modality = Modality
field-date = Date
field-reference = Request reference
field-sealed = Sealed key
field-sealed_for = Sealed for
field-start_time = Start time
field-duration = Duration
field-trainer_ids = Trainers
field-notes = Notes
field-session_id = Session
field-note = Note
field-phase = Phase
field-score = Score
field-max_score = Maximum score
field-kirkpatrick = Kirkpatrick level
field-scale = Scale
field-domains = Domains
field-framework_id = Framework
field-competency_id = Competency
field-assessor_id = Assessor
field-context = Context
field-ratings = Ratings
field-comment = Comment
field-reviewer_id = Reviewer
field-decision = Decision
field-kept_id = Kept person
field-merged_id = Merged person
field-reason = Reason
field-profession_id = Local title
field-category = Category (ISCO-08)
field-field = Field
field-value_key = Value (folded)
field-value = Value as lists write it
field-mapped_to = What it means

## Values
value-female = Female
value-male = Male
value-sage_femme = Midwife
value-infirmier = Nurse
value-medecin = Doctor
value-medecin_specialiste = Specialist doctor
value-technicien_biomedical = Biomedical technician
value-aide_soignant = Nursing assistant
value-technicien_laboratoire = Laboratory technician
value-pharmacien = Pharmacist
value-anesthesiste = Anaesthetist
value-agent_sante_communautaire = Community health worker
value-gestionnaire = Manager
value-enseignant = Teacher
value-etudiant = Student
value-autre = Other
value-1342 = 1342 · Health services managers
value-2211 = 2211 · Generalist medical practitioners
value-2212 = 2212 · Specialist medical practitioners
value-2221 = 2221 · Nursing professionals
value-2222 = 2222 · Midwifery professionals
value-2240 = 2240 · Paramedical practitioners
value-2262 = 2262 · Pharmacists
value-2320 = 2320 · Vocational education teachers
value-3211 = 3211 · Medical imaging and therapeutic equipment technicians
value-3212 = 3212 · Medical and pathology laboratory technicians
value-3213 = 3213 · Pharmaceutical technicians and assistants
value-3221 = 3221 · Nursing associate professionals
value-3222 = 3222 · Midwifery associate professionals
value-3253 = 3253 · Community health workers
value-5321 = 5321 · Health care assistants
value-other = Not a health occupation
value-participant = Participant
value-expert = Expert
value-referent = Referent
value-coordinator = Coordinator
value-partner = Partner
value-host = Host facility
value-national = National hospital
value-regional = Regional hospital
value-district = District hospital
value-health_centre = Health centre
value-training_school = Training school
value-partner_hospital = Partner hospital
value-association = Association
value-planned = Planned
value-ongoing = Ongoing
value-completed = Completed
value-cancelled = Cancelled
value-lead = Mission lead
value-technical_referent = Technical referent
value-organisational_referent = Organisational referent
value-theory = Theory course
value-workshop = Practical workshop
value-bedside = Bedside mentoring
value-simulation = Simulation
value-placement = Observation placement
value-supervision = Formative supervision
value-draft = Draft
value-submitted = Submitted
value-validated = Validated
value-returned = Returned
value-present = Present
value-absent = Absent
value-late = Late
value-left_early = Left early
value-excused = Excused
value-pre = Pre-test
value-post = Post-test
value-training = Training
value-follow_up = Follow-up
value-reaction = Reaction
value-learning = Learning
value-behaviour = Behaviour
value-results = Results
value-unknown = (not recorded)

## Field problems
problem-required = { $field }: required.
problem-invalid_date = { $field }: "{ $value }" is not a valid date (dd/mm/yyyy).
problem-invalid_time = { $field }: "{ $value }" is not a valid time (hh:mm).
problem-invalid_number = { $field }: "{ $value }" is not a number.
problem-invalid_duration = { $field }: "{ $value }" is not a duration (e.g. 2h30, 2.5 or 150 min).
problem-invalid_id = { $field }: "{ $value }" is not an id.
problem-unknown_value = { $field }: "{ $value }" is not recognised{ $allowed ->
    [none] {""}
   *[other] ; expected: { $allowed }
}{ $suggestion ->
    [none] .
   *[other] . { $suggestion }?
}
problem-not_positive = { $field }: must be greater than zero ("{ $value }").
problem-out_of_range = { $field }: "{ $value }" is out of range{ $max ->
    [none] .
   *[other] {" "}({ $min } to { $max }).
}
problem-too_long = { $field }: text too long (at most { $max } characters).
problem-too_short = { $field }: too short (at least { $min } characters).
problem-mismatch = { $field }: the two entries differ.
problem-end_before_start = { $field }: { $value } is before the start ({ $start }).
problem-not_found = { $field }: no { $target } matches "{ $value }".
problem-ambiguous = { $field }: "{ $value }" matches several { $target }; give the id.
problem-already_exists = { $field }: "{ $value }" already exists.
problem-session_outside_mission = { $field }: { $value } is outside the mission (from { $start } to { $end }).
problem-score_above_maximum = { $field }: { $value } is above the maximum score ({ $max }).
problem-not_a_participant = { $field }: { $value } is not enrolled as a participant of this mission.
problem-wrong_kind = { $field }: "{ $value }" does not fit here.
problem-session_not_submitted = { $field }: the session is still a draft; it must be submitted before review.
problem-self_merge = { $field }: a person cannot be merged with themselves.
problem-already_merged = { $field }: "{ $value }" has already been merged into another person.
problem-erased = { $field }: this person was erased at a coordinator's request; their names, service, phone and email stay blank.
problem-unknown_criterion = { $field }: criterion "{ $value }" is not part of this competency.
problem-unknown_field = "{ $value }" is not a known field.
problem-deleted = { $field }: "{ $value }" was deleted.
problem-line_break = { $field }: a line break in "{ $value }"; this field holds one line (was a row of the file swallowed by a quote?).
problem-control_character = { $field }: invisible control character (U+{ $code }); delete it.
problem-invalid_phone = { $field }: "{ $value }" is not a valid number{ $country ->
    [none] {" "}(write it with its country code, e.g. +235 66 12 34 56).
   *[other] {" "}for the programme's country ({ $country }).
}

## General errors
error-invalid = { $kind } refused: { $count ->
    [one] one problem
   *[other] { $count } problems
}, nothing was saved.
error-not-found = No { $kind } matches "{ $text }".
error-ambiguous = "{ $text }" matches several { $kind }: { $candidates }.
error-newer-schema = The file { $path } was written by a newer Binôme (schema { $found }, this one reads up to { $supported }). Update Binôme; the file was not changed.
error-not-initialised = This store has no device identity yet. Run first: binome init
error-already-initialised = This store is already initialised (device { $device }).
error-io = Cannot read or write { $path }: { $detail }
error-not-a-backup = { $path } is not a whole Binôme backup (an interrupted copy?): nothing was restored.
error-backup-altered = { $path } holds something Binôme never writes ({ $object }): it was changed outside Binôme, and is not restored. Nothing was changed.
error-backup-other-device = { $path } is a backup of another device ({ $device }): nothing was restored.
error-store = Database error ({ $detail }).
error-wrong-passphrase = Wrong passphrase. Check the keyboard layout (AZERTY or QWERTY) and Caps Lock.
error-passphrase-too-short = A passphrase needs at least { $min } characters: a short sentence in any language will do.
error-key-file-missing = The store { $store } is encrypted but its key file { $key_file } is missing: put it back beside the store, or ask the coordinator to open the store with the recovery kit.
error-store-missing = The key file { $key_file } is there but the store { $store } is not: put the store back (or move the key file away to start afresh).
error-key-file-damaged = The store's key file is damaged ({ $detail }): the coordinator can open the store with the recovery kit.
error-already-protected = The store { $store } already has a passphrase: unlock it with that.
error-not-protected = The store { $store } has no passphrase yet: choose one.
error-wrong-key = The key given does not open the store { $path }.
error-kit-damaged = The recovery kit { $path } is unreadable ({ $detail }).
error-kit-not-for-us = This recovery kit is not sealed to this computer: only a coordinator the laptop trusted can open it.
error-kit-other-store = This recovery kit does not open the store { $store }: it belongs to another laptop, or the store has had a new key since (a coordinator it was sealed to was revoked). Ask for the kit that sits beside the store now.
error-no-coordinator = No coordinator is trusted on this laptop yet: the recovery kit is written as soon as one is (fingerprint checked).
error-keychain-unavailable = This computer's keychain does not answer ({ $detail }): the passphrase is still asked at every start.
import-mapping-written = Choices to fill in written to { $path }; run again with --mapping { $path }.
import-mapping-hint = To answer once and for all: --write-mapping choices.toml, fill in the file, then --mapping choices.toml.
import-unknown-values = Unknown values (to map once):
import-unknown-value = { $column } "{ $value }" — { $count ->
    [one] 1 row
   *[other] { $count } rows
} ({ $lines }){ $suggestion ->
    [none] {""}
   *[other] ; close to "{ $suggestion }"
}
import-new-facility = Facility created: "{ $name }" ({ $level }).
import-new-profession = Profession added to the programme: "{ $title }" ({ $category }).
mapping-file-intro = Binôme import choices ({ $kind }). Fill in "to" (a code below, or the name of an
    existing facility), or replace "to" with create = { "{" } level = "district" { "}" } to create a
    facility; then: binome import … --mapping this-file. Choices are remembered for the programme.
mapping-file-group = { $column } "{ $value }": { $count ->
    [one] 1 row
   *[other] { $count } rows
} ({ $lines })
mapping-file-close = close: "{ $value }"?
mapping-file-facility = the name of an existing facility, or create = { "{" } level = "health_centre", city = "…" { "}" }
mapping-file-profession = the title of a programme profession ({ $titles }), a code below, or create = { "{" } category = "2222" { "}" } to add this title to the programme
error-mapping-file = { $path }: unreadable choices file ({ $detail }).
import-sheet = Sheet read: "{ $sheet }"{ $others ->
    [none] .
   *[other] {" "}(other sheets: { $others }; --sheet to read another).
}
import-header-line = Header on line { $line }; above it, not imported: line(s) { $skipped }.
import-lines-left-out = Not imported (totals, signatures): { $lines }.
import-line-left-out = line { $line } “{ $text }”
import-lines-more = and { $more } more
import-hidden-lines-left-out = Rows the workbook hides, not imported (--hidden-rows to import them too): { $lines }.
import-hidden-lines-read = Rows the workbook hides, imported too: { $lines }.
import-columns = Columns:
import-column-matched = { $letter } "{ $heading }" → { $field }
import-column-chosen = { $letter } "{ $heading }" → { $field } (chosen)
import-column-left-out = { $letter } "{ $heading }": left out (chosen)
import-column-full-name = { $letter } "{ $heading }" → Family and given names (split after the name in capitals)
import-column-session-day = { $letter } "{ $heading }" → attendance at that day's session
import-column-numbering = { $letter } "{ $heading }": numbering, not imported
import-column-ignored = { $letter } "{ $heading }": no field, not imported
error-import-format = { $path }: unrecognised format ({ $detail }). Accepted formats: .xlsx, .ods, .xls, .csv, .txt.
error-read-io = { $path }: cannot read the file.
error-read-sheet-not-found = { $path }: no sheet "{ $sheet }" (sheets: { $sheets }).
error-read-range-too-large = { $path }: a filled cell at { $cell } is beyond column { $max }; delete it or copy the table into a new sheet.
error-read-sheet-too-large = { $path }: from { $first } to { $last }, the sheet spans more than { $max } cells; delete the stray cells far from the table or copy the table into a new sheet.
error-read-too-many-cells = { $path }: more than { $max } filled cells; import the list in several files.
error-read-too-many-merged-regions = { $path }: more than { $max } groups of merged cells in the sheet: the file is damaged or tampered with, and is refused. Unmerge the cells (or save the sheet as CSV) and import it again.
error-read-cell-too-long = { $path }: line { $line }, column { $column }: more than { $max } characters in one cell.
error-read-file-too-large = { $path }: file too large ({ $size }; at most { $max }).
error-read-inflates-too-much = { $path }: the workbook inflates to more than { $max }; it is refused.
error-read-shared-texts-miscounted = { $path }: the workbook declares { $declared } texts in a part of { $size }, which cannot hold that many: the file is damaged or tampered with, and is refused. Open it in Excel or LibreOffice and save it again.
error-read-mixed-encoding = { $path }: line { $line } is not written in the same encoding as { $utf8_line ->
    [none] the rest of the file
   *[other] line { $utf8_line }
} (mixed accented characters); save the file again as "CSV UTF-8".
error-read-unclosed-quote = { $path }: the quote opened on line { $line } does not close at the end of a cell; the following lines would be read as one cell.
error-read-control-character = { $path }: line { $line }, column { $column }: invisible control character (U+{ $code }); delete it.
error-import-value-choice = { $field }: "{ $value }" cannot become "{ $target }" (neither a value of this field nor a known facility).
error-import-column-heading = No column headed "{ $heading }" in this file.
error-import-column-field = Column "{ $heading }": "{ $field }" is not a field of this sheet.
error-import-header = { $path }: required column missing: "{ $column }". Use "binome template { $kind }" to get the template.
import-more-problems = … and { $count ->
    [one] one more problem, not shown
   *[other] { $count } more problems, not shown
}
error-import-rows = Import refused: { $count ->
    [one] one row in error
   *[other] { $count } rows in error
}, nothing was saved.
error-import-empty = { $path }: no data rows.
error-unknown-breakdown = Unknown breakdown "{ $value }" (allowed: { $allowed }).
error-demo-not-empty = The store already holds data; demo data goes into an empty store (use --db for another file).
error-pseudonym-key-coordinator = The pseudonyms of programme { $programme } are computed with a key only coordinators' laptops hold: ask a coordinator for this export, or export without pseudonyms.
error-pseudonym-key-sealed = The pseudonym key of programme { $programme } is sealed to other coordinators ({ $holders }): ask one of them to trust this laptop and send you a bundle.
error-seal = Cannot seal the key: { $detail }

## Import
import-sheet-participants = Participants
import-sheet-sessions = Sessions
import-sheet-attendance = Attendance
import-sheet-scores = Scores
import-row-problem = line { $line }, column "{ $column }": { $message }
import-summary = { $rows ->
    [one] { $rows } row read
   *[other] { $rows } rows read
}: { $created } created, { $updated } updated.
import-dry-run = Dry run: nothing was saved.
import-duplicates-partial = Duplicates searched among the first { $searched } of { $created } new persons; “binome persons duplicates” searches the whole register once the list is imported.
import-duplicates = Probable duplicates to check:

## Backups
backup-none = No backups.
backup-restored = Backup restored: { $name } (the previous state was itself backed up).
backup-created = Backup taken: { $name }.
error-backup-not-found = No backup matches "{ $name }" (see: binome backup list).
error-backup-ambiguous = "{ $name }" matches several backups: { $candidates }.
error-pdf = Cannot write the PDF document: { $detail }
error-spreadsheet = Cannot write the workbook: { $detail }

## Sync
sync-fingerprint = Fingerprint (read it over the phone before trusting): { $fingerprint }
sync-exported = Bundle written: { $path } ({ $versions } versions, { $size } KiB), encrypted for: { $recipients }
sync-applied = Bundle from { $sender } imported{ $dry ->
    [yes] {" "}(dry run: nothing was saved)
   *[no] {""}
}.
sync-table-line = { $table } — new: { $new } · updated: { $updated } · unchanged: { $unchanged } · conflicting: { $conflicting }
sync-already = This bundle was already imported ({ $bundle }): nothing changed.
sync-quarantined = Bundle quarantined: device "{ $name }" is not trusted yet. Check its fingerprint over the phone: { $fingerprint }, then: binome devices trust "{ $name }"
sync-far-future = Warning: { $count } versions carry a date more than 24 h in the future (the sender's clock is off); they are kept without moving this device's clock.
sync-after-revocation = { $count } version(s) of revoked devices, made after their revocation, were not imported.
sync-introduced = Device "{ $name }" introduces itself; this bundle holds nothing for this device. Check its fingerprint over the phone: { $fingerprint }, then: binome devices trust "{ $name }"
sync-watching = Watching { $dir }: imported bundles go to imported/, refused ones to rejected/ with the reason. Ctrl+C to stop.
sync-enrolled = Device "{ $name }" certified as { $role }: hand it { $path } (binome device install-certificate).
sync-certificate-installed = Certificate installed: { $role }, issued by "{ $issuer }". Devices that trust this coordinator will trust this one without a call.
error-bundle-bad-certificate = This certificate is not signed by the coordinator it names, or is not for this device: refused.
sync-quarantine-empty = No bundles in quarantine.
sync-quarantine-line = { $bundle } — from "{ $name }", fingerprint { $fingerprint } (binome devices trust or reject)
sync-trusted = Device "{ $name }" trusted.
sync-rejected = Device "{ $name }" rejected: its waiting bundles are dropped.
sync-revoked = Device "{ $name }" revoked: none of its bundles will be accepted.
sync-forgotten = Device “{ $name }” (fingerprint { $fingerprint }) forgotten, with its waiting bundles.
sync-no-conflicts = No conflicts.
sync-conflict = { $kind } { $id }: { $count } concurrent versions
sync-head = version { $index } — { $author } on { $device }{ $deleted ->
    [yes] {" "}(deletion)
   *[no] {""}
}
sync-inspect = Bundle { $bundle } from "{ $name }" ({ $role }), fingerprint { $fingerprint }; valid signature; { $versions } versions; created { $created }.
error-bundle-unreadable = This file is not a readable Binôme bundle (truncated in transfer?): { $detail }
error-bundle-newer = This bundle comes from a newer Binôme (format { $found }, this one reads up to { $supported }): update Binôme; nothing was imported.
error-bundle-unsigned = This bundle is not signed: refused, nothing was imported.
error-bundle-bad-signature = This bundle's signature does not match its content: it was changed or forged. Refused, nothing was imported.
error-bundle-payload-mismatch = This bundle's content does not match its signed header ({ $what }): it was damaged or changed. Refused, nothing was imported.
error-bundle-not-for-us = This bundle is not encrypted for this device: ask the sender to export it for you.
error-bundle-bad-payload = This bundle's content cannot be read (line { $line }): { $detail }. Nothing was imported.
error-bundle-write = Cannot write the bundle: { $detail }
error-sync-revoked = Device "{ $device }" was revoked: its bundles are refused.
error-sync-rejected = Device "{ $device }" was rejected: its bundles are refused.
error-sync-key-mismatch = Device "{ $device }" signs with another key than the trusted one: bundle refused.
error-sync-forged = The bundle holds a known version with other values ({ $table } { $id }): forgery or bug. Refused, nothing was imported.
error-sync-ambiguous-device = "{ $text }" matches several devices: { $candidates }. Give the fingerprint.
error-sync-role-forbids = Device "{ $device }" ({ $role }) may not change: { $kind }. Nothing was saved.
cli-error-code = Code: { $code }
error-role-forbids = This laptop ({ $role }) may not change: { $kind }. Nothing was saved.
error-coordinator-only = Only a coordinator's laptop enrols devices; this one is a { $role }'s. Nothing was written.
error-revoke-own-laptop = A laptop does not revoke itself: revoke it from another laptop of the mission.
error-sync-unknown-origin = The bundle holds versions from device { $device }, unknown here and not introduced by the sender: refused, nothing was imported.
error-sync-outside-missions = Device "{ $device }" is enrolled for other missions: it may not change { $kind } { $id }. Bundle refused, nothing was imported.
error-sync-unknown-recipient = No trusted device matches "{ $text }" (see: binome devices list).
error-sync-device-has-work = Device “{ $device }” is this laptop, or data from it is here: it cannot be forgotten (revoke it if it is lost).
error-sync-revoked-needs-confirmation = Device “{ $device }” was revoked (lost or stolen laptop). To trust it again, confirm: binome devices trust "{ $device }" --malgre-revocation
error-bundle-bad-segment = The origin signature of device { $device } (from its version { $counter }) does not match its key: bundle refused, nothing was imported.
error-sync-unverified-origin = The bundle carries versions of device { $device }, which is not trusted here and which no coordinator trusted here certifies: who wrote them cannot be checked. Refused, nothing was imported.
error-sync-unverified = The bundle holds { $kind } { $id }, which does not match what device { $device } signed: altered on the way. Refused, nothing was imported.
error-bundle-too-large = This bundle exceeds the size allowed for { $limit ->
    [header] its header
    [line] one line of its content
   *[plaintext] its decompressed content (against what its header declares)
} ({ $max } at most): refused, nothing was imported.
error-bundle-unsupported = This bundle's header says { $field } = “{ $value }”, which this version of Binôme cannot read: refused, nothing was imported.
error-bundle-newer-schema = This bundle comes from a newer Binôme (schema { $found }, this one knows up to { $supported }): update Binôme; nothing was imported.
error-bundle-count-mismatch = This bundle's signed header announces { $declared } { $kind } version(s), its content carries { $found }: damaged or altered. Refused, nothing was imported.
error-sync-field-too-long = The bundle holds { $kind } { $id } whose field “{ $field }” is longer than { $max } characters, which no edit accepts: refused, nothing was imported.
error-sync-quarantine-full = The quarantine is full ({ $limit ->
    [bundle_bytes] a waiting bundle is { $max } at most
    [bundles] { $max } waiting bundles at most
   *[total_bytes] { $max } waiting at most
}): trust or reject the waiting devices first (binome bundle quarantine). This bundle was not kept.

## Exports
export-sheet-indicators = Indicators
export-sheet-by-sex = By sex
export-sheet-by-cadre = By profession
export-sheet-by-category = By ISCO-08 category
export-sheet-by-facility = By facility
export-sheet-by-level = By level
export-sheet-by-programme = By programme
export-sheet-by-month = By month
export-sheet-sessions = Sessions
export-sheet-attendance = Attendance
export-sheet-scores = Pre-post tests
export-sheet-assessments = Assessments
export-pseudonym = Person code
export-hours = Duration (h)
export-percent = Score (%)
export-level = Level reached
export-written = File written: { $path }

## CLI
cli-passphrase-prompt = Store passphrase:
cli-passphrase-new = New passphrase (at least 8 characters):
cli-passphrase-again = Type it again:
cli-passphrase-changed = Passphrase changed. Backups open with the new one too.
cli-store-key-replacing = A coordinator the recovery kit was sealed to has been revoked: the store and its backups are moving to a new key, which the same passphrase opens. A few seconds, a few minutes for a large store…
error-passphrase-not-given = No passphrase: run the command in a terminal, or give it in the { $env } variable (scripts).
error-passphrases-differ = The two passphrases typed differ: nothing changed.
cli-kit-written = Recovery kit written: { $path } (opened by: { $coordinators }). Send it to the coordinator; it is of no use to anyone else.
cli-kit-unlocked = Store { $store } ({ $device }, { $author }): new passphrase set. Give it to its user, who may change it (binome passphrase change).
cli-init-done = Store initialised: { $path }
cli-device = Device { $device } ({ $name }, { $role }), user: { $author }
cli-created = { $kind } created: { $id }
cli-updated = { $kind } updated: { $id }
cli-deleted = { $kind } deleted (kept in the history): { $id }
cli-no-rows = No records.
cli-duplicates-none = No probable duplicates.
cli-duplicate-pair = Probable duplicate ({ $reason }):
cli-reason-name = same name
cli-reason-phone = same phone
cli-merged = { $merged } merged into { $kept }.
cli-erased = Person erased: now shown as { $person }. The erasure goes with the next bundle to every laptop.
cli-template-written = Template written: { $path }
cli-demo-done = Demo data written in { $seconds } s: { $persons } persons, { $sessions } sessions, { $attendance } attendance rows, { $assessments } assessments.
cli-orphans-none = No orphan references.
cli-orphan = { $kind } { $id }: { $field } points to { $missing }, absent from this store.
cli-history-line = { $when } — { $op } by { $author } on device { $device }
cli-op-create = created
cli-op-update = updated
cli-op-delete = deleted
cli-op-import = imported

## Indicators
ind-group = Group
ind-total = Total
ind-sessions = Sessions
ind-persons_trained = Persons trained
ind-training_hours = Training hours
ind-person_hours = Person-hours
ind-person_days = Person-days
ind-attendance_rate = Attendance rate
ind-scored_pairs = Pre/post pairs
ind-pre_mean_percent = Mean pre-test
ind-post_mean_percent = Mean post-test
ind-gain_points = Gain (points)
ind-pass_rate = Pass rate
ind-competency_pairs = Competencies assessed
ind-competencies_acquired_rate = Competencies acquired
ind-progression_rate = Progression
ind-sessions_validated_rate = Sessions validated
ind-missions = Missions
ind-expert_days = Expert-days

## DHIS2
error-dhis2-period = "{ $value }" is not a DHIS2 period (e.g. 202311 for a month, 2023Q4 for a quarter, 2023S2 for six months, 2023 for a year).
error-dhis2-mapping = The DHIS2 mapping file cannot be read: { $detail }. Start from the template: binome dhis2 template --out mapping.json
error-dhis2-identifier = Mapping file: { $field } "{ $value }" is not a DHIS2 identifier (11 letters or digits, a letter first).
error-dhis2-unknown-figure = The mapping file names an unknown figure: { $indicator } ({ $disaggregation }).
error-dhis2-unmapped = DHIS2 export refused, nothing was written: { $count ->
    [one] one item has no DHIS2 identifier in the mapping file.
   *[other] { $count } items have no DHIS2 identifier in the mapping file.
}
error-dhis2-unmapped-facility = facility "{ $name }": org unit (org_unit) missing
error-dhis2-unmapped-no-facility = persons trained without a facility: org unit missing (the "—" row of the file, or record their facility)
error-dhis2-unmapped-figure = { $name }: data element or category option combo missing
error-dhis2-unreachable = The DHIS2 server { $server } does not answer ({ $detail }). The file is written: send it later, or import it in DHIS2 (Import/Export › Data import).
error-dhis2-insecure-server = DHIS2 address refused: "{ $server }". The password is only sent to an https:// address (http:// only to this computer, localhost). The file is written: send it later to the server's https address.
error-path-not-chosen = File refused: "{ $path }" was not chosen in a Binôme { $use ->
    [read] open
   *[write] save
} dialog. Choose it with the button for it.
error-dhis2-refused = DHIS2 refused the request (code { $status }): { $detail }. Check the user and password (DHIS2_PASSWORD) or the token (DHIS2_TOKEN).
dhis2-summary = { $dry_run ->
    [yes] DHIS2 dry run
   *[no] DHIS2 import
}: { $status } — { $imported } imported, { $updated } updated, { $ignored } ignored.
dhis2-conflict = refused by DHIS2: { $text }
dhis2-confirm = Import these values into DHIS2 for real? [y/N]
dhis2-not-sent = Nothing was sent to DHIS2 (dry run only).
dhis2-credentials-missing = To send to DHIS2, give an access token in DHIS2_TOKEN, or --user and the password in DHIS2_PASSWORD.
dhis2-template-written = Mapping template written: { $path }. Fill in your DHIS2 instance's identifiers and delete the rows you do not report.
dhis2-written = { $count ->
    [one] { $count } value written
   *[other] { $count } values written
} for period { $period }: { $path }

## Printed documents
print-sheet-title = Attendance sheet
print-programme = Programme
print-mission = Mission
print-host = Host facility
print-session = Session
print-when = Date and duration
print-dates = Dates
print-modality = Modality
print-trainers = Trainers
print-name = Name
print-signature = Signature
print-sheet-count = { $count ->
    [one] { $count } participant expected.
   *[other] { $count } participants expected.
}
print-trainer-signature = Trainer's signature:
print-kit-title = Binôme store recovery kit
print-kit-device = Laptop
print-kit-author = User
print-kit-coordinators = Can be opened by
print-kit-store = Store
print-kit-what = This kit lets the coordinator, and only the coordinator, set a new passphrase on this laptop if its user has forgotten it. It reveals nothing to whoever finds it: the store key in it is sealed to the coordinator's computer. Keep it with the mission's papers.
print-kit-how = The coordinator, on their computer: binome unlock --from-kit kit-de-recuperation.json --store <copy of the laptop's store>, then types the new passphrase and gives it to the user.
print-kit-file = The kit file, to copy as it is if it was lost
print-certificate-title = Certificate of training
print-certificate-body = We certify that { $name }{ $cadre ->
    [none] {""}
   *[other] , { $cadre }
}{ $organisation ->
    [none] {""}
   *[other] , { $organisation }
}, took part in the buddy mission "{ $mission }" ({ $host }, from { $start } to { $end }), under the programme { $programme }: { $sessions } session(s), that is { $hours } hours of training.
print-hours = Hours
print-certificate-total = Total: { $hours } hours of training.
print-certificate-place = Done at ……………………, on ……………………
print-certificate-lead = The mission lead
print-certificate-referent = The facility's referent
print-report-title = Mission report
print-team = Team
print-figures = The mission's figures
print-sessions = Sessions
print-present = Present
print-chart-attendance = Attendance rate per session
print-chart-tests = Average pre- and post-test results
print-chart-cadres = Persons trained by cadre
print-validations = Referents' validations
print-no-validations = No session has been reviewed by a referent yet.
print-written = Document written: { $path }

## Desktop app
ui-nav-label = Main navigation
ui-nav-missions = Missions
ui-nav-participants = People
ui-nav-programmes = Programmes
ui-nav-organisations = Organisations
ui-nav-sync = Sync
ui-sync-waiting = Conflicts and bundles waiting
ui-language = Language
ui-lock-title = Binôme is locked
ui-lock-intro = This store's data is encrypted. Type the passphrase to open it.
ui-lock-passphrase = Passphrase
ui-lock-unlock = Unlock
ui-lock-opening = Opening…
ui-lock-replacing-key = A coordinator your recovery kit was sealed to has been revoked: the store and its backups are moving to a new key, which your passphrase still opens. A few seconds, a few minutes for a large store.
ui-lock-choose-title = Protect this store with a passphrase
ui-lock-choose-intro = Participants' names and phone numbers are encrypted on this laptop. Choose a passphrase of at least { $min } characters (a short sentence, in any language): it will be asked every time Binôme opens. Keep it somewhere safe; if you forget it, only the coordinator can reopen the store.
ui-lock-unprotected = This store comes from an earlier Binôme: it will be encrypted, with its backups (an encrypted backup is taken first).
ui-lock-new = New passphrase
ui-lock-again = Type it again
ui-lock-protect = Encrypt and open
ui-lock-too-short = A passphrase needs at least { $min } characters.
ui-lock-differ = The two passphrases typed differ.
ui-lock-now = Lock
ui-lock-idle = Lock after
ui-lock-minutes = { $minutes } min idle
ui-error-locked = Binôme is locked: type the passphrase to go on.
ui-store-unavailable = The database cannot be opened
ui-save = Save
ui-saved = Saved ✓
ui-create = Create
ui-cancel = Cancel
ui-remember-title = This computer
ui-remember-label = Remember on this computer (open Binôme without the passphrase)
ui-remember-explained = The store key is kept in your session's keychain (never the passphrase): whoever opens your session opens Binôme. "Lock" and the idle lock ask for the passphrase again. Leave it unchecked on a shared computer.
ui-kit-title = Recovery kit
ui-kit-explained = If you forget your passphrase, a coordinator trusted on this laptop can reopen your store with this kit, and nobody else can. Save it (and its page to print) and hand it to your coordinator.
ui-kit-save = Save the kit…
ui-kit-save-pdf = Save the page to print (PDF)…
ui-kit-saved = Written to { $path }; sealed for: { $coordinators }.
ui-kit-reset-title = Reopen an expert's store
ui-kit-reset-start = Use a recovery kit…
ui-kit-reset-explained = Choose the kit the expert gave you and the copy of their store (binome.sqlite3), then the new passphrase to tell them. Only a coordinator the kit is sealed for can; no data of the store is rewritten.
ui-kit-pick = Choose the kit…
ui-kit-pick-store = Choose the store…
ui-kit-new-passphrase = New passphrase
ui-kit-new-passphrase-again = Once more
ui-kit-mismatch = The two passphrases differ.
ui-kit-reset-confirm = Set the new passphrase
ui-kit-reset-done = New passphrase set on the store of { $device } ({ $author }).
ui-erase-title = Right to erasure
ui-erase-start = Erase this person…
ui-erase-explained = At the person's request: their names, service, phone and email are blanked here and on every laptop that receives the erasure with your next bundles. Their attendance, scores and assessments still count in the indicators, under a code. This cannot be undone. Backups taken before the erasure go as imports go on (the last 10 taken before an import are kept) and as backups are taken by hand (the last 5); restoring one of them keeps the person erased.
ui-erase-reference = Request reference (optional)
ui-erase-confirm = Erase for good
ui-erase-done = Person erased: now shown as { $name }. The erasure goes with your next bundles.
ui-new = New
ui-none = Nothing yet.
ui-yes = Yes
ui-no = No
ui-name = Name
ui-search = Search (name, phone, ward…)
ui-count = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
ui-page = { $from } to { $to } of { $total }
ui-required = Required field.
ui-date-placeholder = dd/mm/yyyy
ui-duration-placeholder = e.g. 2h30
ui-time-placeholder = hh:mm
ui-first-title = Welcome to Binôme
ui-first-intro = Binôme works without a network. Say who uses this computer: it goes with every entry and every exchange bundle.
ui-first-author = Your name
ui-first-device = This computer's name
ui-first-device-example = e.g. Claire's laptop – Abéché mission
ui-first-role = Your role
ui-first-create = Create this computer's identity
ui-first-missing = Fill in your name and the computer's.
ui-role-expert = you run trainings and enter sessions, attendance and tests.
ui-role-referent = you review and validate sessions, and follow people up between missions.
ui-role-coordinator = you consolidate the missions' data and produce the indicators.
ui-welcome-title = Your computer is ready
ui-welcome-fingerprint = This computer's fingerprint, for your correspondents to check:
ui-welcome-empty = The database is empty. Load demo data (one mission in Chad, its sessions and participants) to discover Binôme?
ui-welcome-demo = Load the demo
ui-welcome-start-empty = Start without data: create a mission
ui-missions-title = Missions
ui-missions-new = New mission
ui-missions-new-help = Fields marked * are required. Dates as dd/mm/yyyy.
ui-missions-none = No mission yet.
ui-mission-tab-sessions = Sessions
ui-mission-tab-participants = Participants
ui-mission-tab-team = Team
ui-mission-tab-details = Details
ui-session-plan = Plan a session
ui-sessions-none = No session yet.
ui-participant-add = Add a participant
ui-participant-existing = Enrol someone already known
ui-participant-enrol = Enrol
ui-participant-new = Or create a new person
ui-participant-create-enrol = Create and enrol
ui-participants-none = No participant enrolled.
ui-team-add = Add a member
ui-team-none = No team member.
ui-import-open = Import a list (Excel, CSV)
ui-import-title-participants = Import participants
ui-import-title-sessions = Import sessions
ui-import-title-attendance = Import attendance
ui-import-title-scores = Import scores
ui-import-help = Choose an .xlsx, .ods, .xls or .csv file: its rows and every error are shown before anything is saved.
ui-import-choose = Choose a file…
ui-import-line = Line
ui-import-preview-partial = Preview: the first 200 rows and the rows in error ({ $shown } of { $rows }).
ui-import-ready = { $rows ->
    [one] { $rows } row ready
   *[other] { $rows } rows ready
}: { $created } to create, { $updated } to update.
ui-import-refused = { $count ->
    [one] { $count } row in error
   *[other] { $count } rows in error
} out of { $rows }: fix the file and choose it again. Nothing was saved.
ui-import-duplicates = { $count ->
    [one] { $count } person looks like someone already known (see People › Duplicates).
   *[other] { $count } people look like people already known (see People › Duplicates).
}
ui-import-confirm = { $rows ->
    [one] Import { $rows } row
   *[other] Import { $rows } rows
}
ui-import-done = Import done: { $created } created, { $updated } updated.
ui-session-tab-attendance = Attendance
ui-session-tab-scores = Pre/post tests
ui-session-tab-details = Details
ui-roster-all-present = { $count ->
    [0] Everyone is marked
    [one] Mark the last one present
   *[other] Everyone present ({ $count })
}
ui-roster-count = { $present } present out of { $total }
ui-roster-keys = Keyboard: ↑ ↓ to move (← → between columns), Space present/absent, P present, A absent, L (or R) late, D left early, E excused.
ui-status-key-present = P
ui-status-key-late = L
ui-status-key-left_early = D
ui-status-key-absent = A
ui-status-key-excused = E
ui-roster-label = Attendance list
ui-roster-unmarked = not marked
ui-roster-empty = No participant enrolled in this mission: enrol them in the mission's Participants tab.
ui-scores-help = Type the scores, in points or as a percentage ("40 %" of 20 is 8); Enter moves to the next row. Each score is saved as soon as you leave its box.
ui-scores-gain = Gain
ui-scores-points = { $value } pts
ui-size-bytes = { $value } B
ui-size-kib = { $value } KiB
ui-size-mib = { $value } MiB
ui-scores-average = Average gain
ui-export-title = Export a bundle
ui-export-help = The bundle is signed and encrypted for the chosen recipients (and this computer). It holds what they have not confirmed receiving yet.
ui-export-recipients = Recipients
ui-export-no-peers = No trusted device yet: first import a bundle from your correspondent and check its fingerprint.
ui-export-mission = Mission
ui-export-all-missions = All missions
ui-export-button = Export a bundle…
ui-export-done = Bundle written: { $versions } version(s), { $size }.
ui-bundle-import-title = Import a bundle
ui-bundle-drop = Drop a .binome file here, or:
ui-bundle-choose = Choose a bundle…
ui-bundle-preview = Bundle from { $sender }, verified. This is what it would bring:
ui-bundle-import = Import this bundle
ui-bundle-receive = Receive this bundle
ui-bundle-already = This bundle was already imported: nothing to do.
ui-bundle-quarantined = Bundle from { $sender }, a device not recognised yet. It will wait until you trust that device.
ui-bundle-device_introduced = Bundle from { $sender }, not addressed to you: it introduces that device.
ui-bundle-new = New
ui-bundle-updated = Updated
ui-bundle-unchanged = Unchanged
ui-bundle-conflicting = Conflicting
ui-bundle-done = Bundle from { $sender } imported: { $new } new, { $updated } updated, { $conflicting } conflicting.
ui-bundle-quarantined-done = Bundle from { $sender } is waiting: check the device's fingerprint, then trust it below.
ui-bundle-introduced-done = Device { $sender } is now known: check its fingerprint and trust it below.
ui-quarantine-title = Devices to recognise
ui-quarantine-help = Compare the fingerprint with the one your correspondent reads on their screen (phone, message) before trusting.
ui-quarantine-bundles = Bundles waiting
ui-trust = Trust
ui-reject = Reject
ui-sync-trusted = { $name } is now trusted; { $count } waiting bundle(s) imported.
ui-sync-rejected = { $name } is rejected; its bundles will not be imported.
ui-sync-revoked = { $name } is revoked; what it does from now on will be refused.
ui-conflicts-title = Conflicts
ui-conflicts-none = No conflict.
ui-conflict-keep = Keep this version
ui-conflict-deleted = Deleted
ui-conflict-settled = Conflict settled: { $label }.
ui-devices-title = Devices
ui-device = Device
ui-role = Role
ui-trust-state = Trust
ui-fingerprint = Fingerprint
ui-trust-self = This computer
ui-trust-trusted = Trusted
ui-trust-pending = To recognise
ui-trust-revoked = Revoked
ui-trust-rejected = Rejected
ui-trust-relayed = Known through a certificate
ui-lost-sent = { $count ->
    [0] This computer sent it no bundle.
    [one] This computer sent it one bundle: its content can be read by whoever holds that laptop and knows its passphrase.
   *[other] This computer sent it { $count } bundles: their content can be read by whoever holds that laptop and knows its passphrase.
}
ui-lost-sent-when = Bundle written on
ui-lost-sent-acknowledged = Received by it
ui-lost-sent-yes = yes
ui-lost-sent-no = not yet
ui-lost-after = Once revoked, no bundle is encrypted to it any more, here nor (if you are a coordinator) on the mission's other computers once they have received your next bundle. Its store stays encrypted: without its passphrase it is unreadable.
ui-revoke = Revoke…
ui-retrust = Trust again…
# The confirmation's own button: the decision itself, nothing more to ask.
ui-revoke-now = Revoke
ui-retrust-now = Trust again
ui-revoke-confirm = Revoke “{ $name }” (fingerprint { $fingerprint })? Its earlier data stays accepted, whoever brings it; what it does next, and its bundles, will be refused. If this laptop is a coordinator's, the revocation leaves with its next bundles for every laptop of the mission.
ui-retrust-confirm = “{ $name }” (fingerprint { $fingerprint }) was revoked. Trust it again only if it was found and you checked its fingerprint.
ui-print-sheet = Attendance sheet (PDF)
ui-print-report = Mission report (PDF)
ui-print-certificate = Certificate (PDF)
ui-export-workbook = Donor workbook (Excel)
ui-exact-figures = Exact figures, even for fewer than 5 people (else "< 5", advised for donors)
ui-pseudonymise = Pseudonymise (no names or phones)
ui-written = File written: { $path }
ui-nav-exports = Reports and exports
ui-exports-scope = Scope
ui-exports-all-programmes = All programmes
ui-exports-from = From
ui-exports-to = to
ui-exports-workbook-help = Indicators (a sheet per breakdown), then sessions, attendance, tests and assessments.
ui-exports-save = Save as…
ui-exports-csv = One table as CSV
ui-exports-table = Table
ui-exports-table-indicators = Indicators
ui-exports-table-sessions = Sessions
ui-exports-table-attendance = Attendance
ui-exports-table-scores = Pre/post tests
ui-exports-table-assessments = Assessments
ui-exports-by = Breakdown
ui-exports-by-sex = by sex
ui-exports-by-cadre = by profession (local title)
ui-exports-by-category = by profession category (ISCO-08)
ui-exports-by-facility = by facility
ui-exports-by-level = by level
ui-exports-by-programme = by programme
ui-exports-by-month = by month
ui-exports-french-excel = For Excel in French (; and decimal comma)
ui-dhis2-help = One mapping file per DHIS2 instance links Binôme's facilities and figures to DHIS2 identifiers. Start from the template, fill it in, then export a period.
ui-dhis2-template = Mapping template…
ui-dhis2-mapping = Choose the mapping file…
ui-dhis2-no-mapping = no file chosen
ui-dhis2-period = DHIS2 period
ui-dhis2-written = { $count } DHIS2 value(s) written: { $path }
ui-dhis2-push-title = Send to the DHIS2 server
ui-dhis2-server = Server address
ui-dhis2-user = User
ui-dhis2-password = Password
ui-dhis2-dry-run = Dry run
ui-dhis2-import = Import for real
ui-dhis2-dry-run-done = Dry run: nothing was imported
ui-dhis2-import-done = Import done
ui-dhis2-counts = { $imported } imported, { $updated } updated, { $ignored } ignored
ui-duplicates-title = Probable duplicates
ui-duplicates-find = Look for duplicates
ui-duplicates-none = No probable duplicate.
ui-duplicates-first = Person A
ui-duplicates-second = Person B
ui-duplicates-why = Likeness
ui-duplicates-reason-name = name
ui-duplicates-reason-phone = phone
ui-duplicates-keep-first = Keep A
ui-duplicates-keep-second = Keep B
ui-duplicates-merged = Merge recorded; { $name } is kept.

## Desktop app, part 2: review, competency grids, debrief, dashboard
ui-nav-review = Review
ui-nav-dashboard = Dashboard
ui-session-tab-competencies = Competencies
ui-mission-tab-debrief = Debrief
ui-open-detail = Open the record
ui-review-title = Session review
ui-review-heading = Review
ui-review-submit = Submit for review
ui-review-resubmit = Submit again (fixed)
ui-review-comment = Comment for the expert
ui-review-validate = Validate
ui-review-return = Return for correction
ui-review-returned-by = Returned by { $who }:
ui-review-history = { $count ->
    [one] One decision
   *[other] { $count } decisions
}
ui-review-superseded = before the latest change
ui-review-filter-submitted = Waiting for review
ui-review-filter-returned = Returned, to fix
ui-review-filter-validated = Validated
ui-review-filter-draft = Drafts
ui-review-filter-all = All
ui-review-all-missions = All missions
ui-review-empty = No session here.
ui-review-attended = Present
ui-review-scored = Tests entered
ui-grid-framework = Framework
ui-grid-participants = Participants
ui-grid-not-observed = Not observed
ui-grid-no-level = No level yet
ui-grid-critical = critical criterion
ui-grid-keys = keys 1 to { $count } for the level, 0 for "not observed", arrows to move between criteria
ui-grid-no-framework = No competency framework: import one from the Programmes screen.
ui-progression-title = Competency progression
ui-progression-none = No competency assessment for this person.
ui-progression-competency = Competency
ui-progression-steps = Successive assessments
ui-progression-up = Progressing
ui-progression-flat = No progress
ui-followup-title = Follow-up observation (formative supervision)
ui-followup-start = New follow-up observation
ui-followup-date = Date of the visit
ui-followup-open = Open the grid
ui-followup-done = Done
ui-debrief-figures = The mission's figures
ui-debrief-text = Debrief and recommendations
ui-dashboard-title = Indicator dashboard
ui-dashboard-no-breakdown = no breakdown
ui-dashboard-run = Refresh
ui-dashboard-computing = Computing the indicators…

## Competency frameworks from a spreadsheet
field-domain = Domain
field-competency_code = Competency code
field-competency = Competency
field-criterion = Criterion
field-critical = Critical
field-levels = Scale
field-pass_level = Pass level
import-sheet-frameworks = Framework
ui-import-steps = Import steps
ui-import-step-columns = Columns
ui-import-step-values = Values
ui-import-step-preview = Preview and import
ui-import-sheet = Sheet:
ui-import-header-line = Header on line { $line }.
ui-import-left-out = Not imported: { $columns }
ui-import-lines-left-out = Not imported (totals, signatures): { $lines }
ui-import-hidden-lines = { $count ->
    [one] 1 row the workbook hides
   *[other] { $count } rows the workbook hides
} ({ $lines })
ui-import-hidden-lines-left-out = not imported
ui-import-hidden-row = A row the workbook hides
ui-import-hidden-rows-read = Import them too
ui-import-column = Column
ui-import-heading = Heading in the file
ui-import-field = Field
ui-import-full-name = Family and given names (split after the name in capitals)
ui-import-session-day = Attendance at that day's session
ui-import-numbering = — numbering, not imported —
ui-import-not-imported = — not imported —
ui-import-next = Next
ui-import-values-none = Every value is recognised.
ui-import-values-help = These values are not recognised. Choose once what each one means: the choice is remembered for the programme.
ui-import-group-rows = { $count ->
    [one] 1 row
   *[other] { $count } rows
} ({ $lines })
ui-import-close = close: "{ $value }"?
ui-import-choose-value = — choose —
ui-import-create-facility = Create this facility
ui-import-unanswered = { $count ->
    [one] 1 value without an answer: its rows will be refused.
   *[other] { $count } values without an answer: their rows will be refused.
}
ui-import-new-facility = Facility created by the import: "{ $name }" ({ $level }).
ui-import-new-profession = Profession added to the programme by the import: "{ $title }" ({ $category }).
ui-professions-title = Programme professions
ui-professions-help = The titles each programme uses (SFDE, ATS, matrone…), each in one ISCO-08 category so that indicators add up across programmes.
ui-import-create-profession = Add this title to the programme
ui-import-professions-programme = Programme professions
ui-import-professions-common = Common list
ui-import-title-frameworks = Import a competency framework
ui-import-template = Download the template (Excel)
ui-frameworks-title = Competency frameworks
ui-frameworks-none = No framework.
ui-frameworks-competencies = Competencies
ui-frameworks-import = Import a framework (Excel/CSV)
ui-page-previous = Previous page
ui-page-next = Next page

## Sync with the computers nearby
error-nearby-connection = The connection with the other computer was cut or refused ({ $detail }). Nothing is half-written: sync again, it carries on where it stopped.
error-nearby-discovery = Looking for the computers nearby failed ({ $detail }). Type the address the other computer's screen shows: binome sync nearby --peer ADDRESS
error-nearby-channel = The encrypted channel with the other computer could not be set up ({ $detail }): is it Binôme answering at that address?
error-nearby-protocol = The other computer sent invalid data ({ $detail }). Nothing was changed by it.
error-nearby-bad-signature = The other computer does not prove it holds the key it shows: nothing was exchanged.
error-nearby-unanswered = The other computer did not answer in time. If it is syncing with another computer, try again in a moment. Nothing is half-written.
error-nearby-refused-by-peer = The other computer refuses to sync: { $reason }
error-nearby-peer-refused = No sync with "{ $name }" (fingerprint { $fingerprint }, code { $code }): { $reason }
error-nearby-refused-by-named-peer = "{ $name }" (fingerprint { $fingerprint }, code { $code }) refuses to sync: { $reason }
nearby-refusal-untrusted = this computer is not recognised here yet. Check that its screen shows the same code, compare its fingerprint (or over the phone), then trust it (binome devices trust "{ $name }") and sync again.
nearby-refusal-revoked = this computer was revoked (lost or stolen): nothing is sent to it, nothing is taken from it.
nearby-refusal-rejected = this computer was rejected here.
nearby-refusal-key-mismatch = this computer shows other keys than the ones recognised here for it. Do not sync before checking with its user.
nearby-refusal-bundle-refused = its bundle was refused on import.
nearby-refusal-untrusted-theirs = it does not recognise this computer yet. On the other computer, compare this one's fingerprint, trust it, and sync again.
nearby-refusal-revoked-theirs = it revoked this computer.
nearby-refusal-rejected-theirs = it rejected this computer.
nearby-refusal-key-mismatch-theirs = it knows this computer under other keys.
nearby-refusal-bundle-refused-theirs = it refused the bundle sent from here (see the message on its screen); nothing it received is applied there.
nearby-listening = { $address }
nearby-listening-help = Waiting for a computer nearby on { $address } (port { $port }). On the other computer: binome sync nearby --peer { $address }
nearby-connected = Connected to "{ $name }" ({ $role }), fingerprint { $fingerprint }. Check code: { $code } (the other screen must show the same).
nearby-sent = Sent: { $versions ->
    [0] nothing new.
    [one] 1 version ({ $bytes } bytes).
   *[other] { $versions } versions ({ $bytes } bytes).
}
nearby-none-found = No Binôme computer found nearby. On the other computer, run: binome sync nearby --listen, then type here the address it shows: binome sync nearby --peer ADDRESS (hotel Wi-Fi often blocks finding, not the address).
nearby-unknown-laptop = computer unknown here
nearby-found-line = { $number }. { $name } ({ $role }) — fingerprint { $fingerprint } — { $address }
nearby-pick = Number of the computer (1 to { $count }):
nearby-pick-none = No computer chosen: nothing was exchanged.
ui-nearby-title = Sync with the computers nearby
ui-nearby-listening = This computer waits for the others while this screen is open. Its address: { $addresses }
ui-nearby-not-announced = The others cannot find it by themselves on this network: type this address on the other computer.
ui-nearby-found = Computers found
ui-nearby-unknown = Computer unknown here
ui-nearby-searching = Searching…
ui-nearby-none = No computer found. Open this screen on the other computer, or type its address below.
ui-nearby-search = Search again
ui-nearby-sync = Sync
ui-nearby-address = Or the address the other computer shows:
ui-nearby-connect = Connect
ui-nearby-syncing = Syncing…
ui-nearby-done = Synced with "{ $name }": { $sent ->
    [0] nothing to send.
    [one] 1 version sent.
   *[other] { $sent } versions sent.
}
ui-nearby-code = Check code (the other screen must show the same):
ui-nearby-firewall = On Windows, the first time, allow Binôme in the firewall window (private networks, and public ones for a phone's hotspot). TCP port 47474.
nearby-peer-not-found = No computer "{ $peer }" found nearby, and it is not an address. The other computer must be waiting (sync screen open, or binome sync nearby --listen); otherwise type the address it shows: binome sync nearby --peer ADDRESS

## Backups (screen)
ui-nav-backups = Backups
ui-backups-explained = Binôme takes an encrypted copy of this laptop before every spreadsheet or bundle import, and keeps the last 10; those taken by hand (or before a restore) are counted apart, the last 5 kept however many imports follow. Restoring puts the laptop back as it was in a backup, to undo an import made by mistake.
ui-backups-now = Back up now
ui-backups-taken = Backup taken ({ $when }).
ui-backups-empty = No backup yet: the first is taken before the first import.
ui-backups-when = Taken on
ui-backups-why = Taken before
ui-backups-size = Size
ui-backups-restore = Restore…
ui-backups-confirm-title = Restore the backup of { $when }?
ui-backups-confirm-explained = This laptop goes back to the state of that backup. The present state is backed up first ("a restore"): nothing is lost, and restoring it undoes this restore. What you already sent to other computers comes back at the next sync. Persons erased and computers revoked or refused since stay so.
ui-backups-confirm = Restore
ui-backups-restored = Backup of { $when } restored. The state before it is at the top of the list.
ui-backups-busy = Copying the store… A whole country's store takes about half a minute: do not close Binôme.
ui-backups-reason-import-bundle = Import a bundle
ui-backups-reason-before-restore = A restore
ui-backups-reason-before-encryption = Encrypting the store
ui-backups-reason-by-hand = (taken by hand)
ui-backups-reason-unknown = (file put there outside Binôme)
