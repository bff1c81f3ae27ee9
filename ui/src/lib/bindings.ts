// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings`.

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type BackupReason = { "why": "import_bundle" } | { "why": "import_table", "table": ImportKind } | { "why": "before_restore" } | { "why": "before_encryption" } | { "why": "by_hand" } | { "why": "unknown" };

export type BackupView = { 
/**
 * The file's name: what restoring it names.
 */
name: string, 
/**
 * Milliseconds since 1970; `None` for names from before sequence numbers.
 */
taken_at: number | null, reason: BackupReason, bytes: number, };

export type Kind = "programme" | "organisation" | "person" | "mission" | "team_member" | "enrolment" | "session" | "attendance" | "test_score" | "framework" | "assessment" | "review" | "person_merge" | "profession" | "value_choice" | "erasure" | "pseudonym_key";

export type RecordView = { kind: Kind, id: string, 
/**
 * What names it for a person: a code, a name, a date and title.
 */
label: string, 
/**
 * Every field as text a person would type back (dd/mm/yyyy, 2h30).
 */
text: { [key in string]?: string }, 
/**
 * For reference fields: the label of the record pointed at.
 */
refs: { [key in string]?: string }, deleted: boolean, 
/**
 * Who made this version.
 */
author: string | null, };

export type FieldView = { name: string, 
/**
 * text, long_text, date, time, number, duration, enum, ref, ref_list, json.
 */
input: string, required: boolean, default: string | null, 
/**
 * Set at creation, never edited.
 */
key: boolean, 
/**
 * The codes an enum field accepts.
 */
options: Array<string>, 
/**
 * The kind a reference points at.
 */
target: Kind | null, max_length: number | null, };

export type Page = { rows: Array<RecordView>, total: number, };

export type ListRequest = { kind: Kind, 
/**
 * Only records of this mission (sessions, enrolments, team).
 */
mission_id: string | null, 
/**
 * Words that must all appear in the label (accents and case ignored).
 */
search: string | null, offset: number, limit: number | null, };

export type ProblemCode = "required" | "invalid_date" | "invalid_time" | "invalid_number" | "invalid_duration" | "invalid_id" | "unknown_value" | "not_positive" | "out_of_range" | "too_long" | "end_before_start" | "not_found" | "ambiguous" | "already_exists" | "session_outside_mission" | "score_above_maximum" | "not_a_participant" | "wrong_kind" | "session_not_submitted" | "self_merge" | "already_merged" | "unknown_criterion" | "unknown_field" | "deleted" | "invalid_phone" | "line_break" | "control_character" | "erased" | "too_short" | "mismatch";

export type FieldProblem = { field: string, code: ProblemCode, value: string, message: string, };

export type RowProblemView = { line: number, column: string, field: string, message: string, };

export type ErrorView = { code: string, message: string, problems: Array<FieldProblem>, rows: Array<RowProblemView>, };

export type StoreState = "new" | "unprotected" | "locked";

export type NewDevice = { 
/**
 * The laptop, as its peers will see it.
 */
name: string, 
/**
 * Who uses it, as their records will show.
 */
author: string, role: DeviceRole, };

export type LockView = { 
/**
 * `None` when the store is open.
 */
state: StoreState | null, min_chars: number, };

export type DeviceRole = "expert" | "referent" | "coordinator";

export type DeviceTrust = "self" | "trusted" | "pending" | "relayed" | "revoked" | "rejected";

export type Lang = "fr" | "en";

export type AttendanceStatus = "present" | "absent" | "late" | "left_early" | "excused";

export type AssessmentContext = "training" | "follow_up";

export type Phase = "pre" | "post";

export type ReviewDecision = "validated" | "returned";

export type ReviewStatus = "draft" | "submitted" | "validated" | "returned";

export type DeviceView = { id: string, name: string, author: string, role: DeviceRole, fingerprint: string, };

export type SentBundleView = { bundle_id: string, 
/**
 * Milliseconds since 1970.
 */
created_at: number, 
/**
 * The device said it had applied it.
 */
acknowledged: boolean, };

export type Disclosure = "exact" | "small-groups-hidden";

export type CsvRequest = { table: CsvTable, 
/**
 * The breakdown of the indicators table.
 */
by: Breakdown | null, 
/**
 * `;`, decimal comma and BOM, or `,` and ISO dates.
 */
french_excel: boolean, pseudonymise: boolean, disclosure: Disclosure, };

export type StatusView = { store_path: string, device: DeviceView | null, 
/**
 * No programme, mission nor person yet: offer the demo data.
 */
empty: boolean, conflicts: number, quarantined: number, };

export type RosterRow = { person_id: string, name: string, 
/**
 * The programme profession's title, or the code of a profession
 * every programme knows.
 */
cadre: string | null, organisation: string | null, 
/**
 * None if not yet marked.
 */
status: AttendanceStatus | null, note: string | null, };

export type RosterView = { session: RecordView, mission: RecordView, rows: Array<RosterRow>, };

export type AttendanceMark = { session_id: string, person_id: string, status: AttendanceStatus, };

export type PersonMerge = { kept_id: string, merged_id: string, 
/**
 * Why, if someone said (the CLI's `--reason`).
 */
reason?: string, };

export type ScoreRow = { person_id: string, name: string, pre: number | null, pre_max: number | null, post: number | null, post_max: number | null, 
/**
 * Post minus pre, in percentage points of each test's maximum.
 */
gain: number | null, };

export type ScoreGrid = { session: RecordView, rows: Array<ScoreRow>, 
/**
 * The average gain over participants with both tests.
 */
average_gain: number | null, 
/**
 * The maximum score last used, offered for new entries.
 */
default_max: number, };

export type ScoreEntry = { session_id: string, person_id: string, phase: Phase, score: string, max_score: string, };

export type PreviewRow = { 
/**
 * The line as Excel shows it.
 */
line: number, 
/**
 * The workbook hides it; shown because the person asked it read.
 */
hidden: boolean, cells: Array<string>, 
/**
 * This row's problems as sentences; empty when the row is good.
 */
problems: Array<string>, 
/**
 * Columns (headings) that hold a problem, to mark the cells.
 */
bad_columns: Array<string>, };

export type TextEncoding = "utf8" | "utf8-with-bom" | "utf16" | "windows1252";

export type Source = { 
/**
 * The sheet read, for a workbook.
 */
sheet: string | null, 
/**
 * Every sheet of the workbook, to let the person pick another.
 */
sheets: Array<string>, 
/**
 * How a text file was decoded.
 */
encoding: TextEncoding | null, 
/**
 * The lines of the sheet the workbook hides (by hand, or by a filter)
 * that hold something, read or not as [`HiddenRows`] says.
 */
hidden_lines: Array<SheetLine>, 
/**
 * Whether those lines were read as rows.
 */
hidden_rows: HiddenRows, };

export type ColumnUse = "matched" | "chosen" | "full_name" | "numbering" | "session_day" | "ignored";

export type ColumnReport = { 
/**
 * "A", "B", … as the spreadsheet names it.
 */
letter: string, heading: string, field: string | null, use: ColumnUse, };

export type ColumnChoice = { heading: string, field: string | null, };

export type NewFacility = { 
/**
 * A level of the health pyramid (`district`, `health_centre`, …).
 */
level: string, city?: string | null, };

export type NewProfession = { 
/**
 * The common category, an ISCO-08 code (`2222`, `3221`, …).
 */
category: string, };

export type NewRecord = NewFacility | NewProfession;

export type ValueChoice = { field: string, value: string, to?: string | null, create?: NewRecord | null, };

export type ValueGroup = { field: string, 
/**
 * The column's heading as written.
 */
column: string, value: string, count: number, 
/**
 * The rows' lines, as the spreadsheet shows them.
 */
lines: Array<number>, 
/**
 * A close known value (a code, a facility's or a programme
 * profession's id), to propose.
 */
suggestion: string | null, 
/**
 * For a facility to create: the level its name says.
 */
new_level: string | null, 
/**
 * For a profession to create: the category its title leaves no
 * doubt about ("SFDE" → 2222).
 */
new_category: string | null, };

export type CreatedFacility = { name: string, level: string, city: string | null, };

export type CreatedProfession = { title: string, category: string, };

export type ProgrammeProfession = { id: string, title: string, category: string, };

export type ImportChoices = { columns: Array<ColumnChoice>, values: Array<ValueChoice>, };

export type ImportKind = "participants" | "sessions" | "attendance" | "scores" | "frameworks";

export type ImportRequest = { kind: ImportKind, path: string, mission_id: string | null, sheet: string | null, 
/**
 * Whether the rows the sheet hides are read too.
 */
hidden_rows: HiddenRows, choices: ImportChoices, };

export type ImportPreview = { file: string, 
/**
 * The sheet and encoding read, and the other sheets to choose from.
 */
source: Source, 
/**
 * The header's line; the lines above it (titles) are not imported.
 */
header_line: number, skipped_lines: Array<number>, 
/**
 * The lines of the sheet that are not rows of the list, not imported.
 */
left_out_lines: Array<SheetLine>, 
/**
 * What became of every column: none is dropped without being shown.
 */
columns: Array<ColumnReport>, 
/**
 * The fields this kind of sheet can feed, to choose a column's.
 */
fields: Array<string>, 
/**
 * Values the import does not know, grouped, for the person to map.
 */
unknown_values: Array<ValueGroup>, 
/**
 * Facilities importing would create.
 */
new_facilities: Array<CreatedFacility>, 
/**
 * Professions importing would add to the programme.
 */
new_professions: Array<CreatedProfession>, 
/**
 * The programme's professions, to map a title to.
 */
professions: Array<ProgrammeProfession>, headers: Array<string>, 
/**
 * The first rows, and every row with a problem kept: a list of a
 * million rows is not sent whole to the window.
 */
rows: Array<PreviewRow>, 
/**
 * Every row of the sheet, shown or not.
 */
rows_total: number, 
/**
 * What importing would do, when no row is in error.
 */
created: number, updated: number, 
/**
 * Lines in error: importing is refused while there are any.
 */
lines_in_error: number, 
/**
 * New participants that look like persons already in the store.
 */
possible_duplicates: number, written: boolean, };

export type SheetLine = { line: number, 
/**
 * Its first text (a number in the numbering column aside).
 */
text: string, };

export type HiddenRows = "left_out" | "read";

export type DuplicateView = { first: RecordView, second: RecordView, 
/**
 * name, phone: why they look like one person.
 */
reasons: Array<string>, };

export type DeviceRowView = { id: string, name: string, role: DeviceRole, trust: DeviceTrust, fingerprint: string, 
/**
 * Milliseconds since 1970, when first seen here.
 */
first_seen: number, };

export type ExportView = { path: string, versions: number, bytes: number, recipients: Array<string>, incremental: boolean, };

export type TableCountView = { kind: Kind | null, table: string, new: number, updated: number, unchanged: number, conflicting: number, };

export type BundleOutcome = "applied" | "already_imported" | "quarantined" | "device_introduced";

export type BundleOutcomeView = { outcome: BundleOutcome, dry_run: boolean, sender: string, fingerprint: string | null, counts: Array<TableCountView>, 
/**
 * Versions stamped more than a day ahead of this laptop's clock.
 */
far_future: number, };

export type NearbyOutcomeView = { peer_name: string, peer_role: DeviceRole, fingerprint: string, 
/**
 * The six digits both screens show.
 */
code: string, sent_versions: number, received: BundleOutcomeView, };

export type NearbyLaptopView = { fingerprint: string, role: DeviceRole, 
/**
 * Where it listens, the first one to try first.
 */
addresses: Array<string>, 
/**
 * Its name here, when this laptop has met it.
 */
name: string | null, trust: DeviceTrust | null, };

export type NearbyListeningView = { 
/**
 * Addresses to type on the other laptop, with the port.
 */
addresses: Array<string>, port: number, 
/**
 * False where multicast is blocked: the others cannot find it, only
 * type its address.
 */
announced: boolean, };

export type QuarantineView = { bundle_id: string, device: DeviceRowView, received_at: number, };

export type HeadView = { 
/**
 * The position to pass back to keep this version.
 */
index: number, device: string, author: string, 
/**
 * Milliseconds since 1970 (from its hybrid clock).
 */
at: number, deleted: boolean, record: RecordView, };

export type ConflictView = { kind: Kind, id: string, label: string, heads: Array<HeadView>, 
/**
 * Fields whose values differ between the versions.
 */
differing: Array<string>, };

export type Dhis2Status = "OK" | "SUCCESS" | "WARNING" | "ERROR";

export type ImportSummary = { status: Dhis2Status, imported: number, updated: number, ignored: number, deleted: number, 
/**
 * What DHIS2 refused, as it says it: "object: value".
 */
conflicts: Array<string>, dry_run: boolean, };

export type ScopeText = { programme: string | null, mission: string | null, from: string | null, to: string | null, };

export type ReviewView = { id: string, decision: ReviewDecision, comment: string | null, 
/**
 * The reviewer named on the review, else who made it.
 */
reviewer: string, 
/**
 * When it was decided, ISO 8601 UTC, for the screen to show locally.
 */
at: string, 
/**
 * Made after the session's last change, so the session shows it.
 */
current: boolean, };

export type ReviewQueueRow = { session: RecordView, 
/**
 * What the session shows.
 */
status: ReviewStatus, 
/**
 * Participants marked present, late or leaving early.
 */
attended: number, marked: number, scored: number, last_review: ReviewView | null, };

export type ReviewPage = { rows: Array<ReviewQueueRow>, total: number, };

export type SessionReview = { 
/**
 * None for a session whose status is not known yet.
 */
status: ReviewStatus | null, 
/**
 * Newest first.
 */
reviews: Array<ReviewView>, 
/**
 * Whether this laptop's role may decide (a referent's or coordinator's).
 */
may_review: boolean, 
/**
 * Whether this laptop's role may submit the session (an expert's or coordinator's).
 */
may_submit: boolean, };

export type SessionDecision = { session_id: string, decision: ReviewDecision, comment: string, };

export type ScaleLevel = { code: string, label: string, };

export type RatingScale = { levels: Array<ScaleLevel>, not_observed: string, pass_level: string, };

export type Criterion = { id: string, text: string, critical: boolean, };

export type Competency = { id: string, code: string, name: string, criteria: Array<Criterion>, };

export type Domain = { id: string, name: string, competencies: Array<Competency>, };

export type Framework = { id: string, code: string, name: string, scale: RatingScale, domains: Array<Domain>, };

export type CompetencyRating = { competency_id: string, assessment_id: string | null, 
/**
 * Criterion id → level code (or the scale's "not observed").
 */
ratings: { [key in string]?: string }, 
/**
 * The level reached, as DOMAIN.md computes it; none until something is observed.
 */
level: string | null, level_label: string | null, passed: boolean | null, };

export type CompetencyGrid = { framework: Framework, person: RecordView, context: AssessmentContext, 
/**
 * The assessments' date, dd/mm/yyyy.
 */
date: string, competencies: Array<CompetencyRating>, };

export type ProgressionStep = { 
/**
 * dd/mm/yyyy.
 */
date: string, context: AssessmentContext, mission: string | null, level: string | null, level_label: string | null, passed: boolean | null, };

export type ProgressionRow = { framework: string, competency_id: string, competency: string, steps: Array<ProgressionStep>, 
/**
 * Latest level above the first (DOMAIN.md's progression); none with one step.
 */
progressed: boolean | null, };

export type Breakdown = "sex" | "cadre" | "category" | "facility" | "level" | "programme" | "month";

export type Scope = { programme_id: string | null, mission_id: string | null, from: string | null, to: string | null, };

export type Indicators = { sessions: number | null, persons_trained: number, training_hours: number | null, person_hours: number, person_days: number, attendance_rate: number | null, scored_pairs: number, pre_mean_percent: number | null, post_mean_percent: number | null, gain_points: number | null, pass_rate: number | null, competency_pairs: number, competencies_acquired_rate: number | null, progression_rate: number | null, sessions_validated_rate: number | null, missions: number | null, expert_days: number | null, };

export type IndicatorGroup = { 
/**
 * The code split on (a sex, cadre or level code, an id, a yyyy-mm month); "" when unknown.
 */
key: string, 
/**
 * A name for ids (facility, programme); empty for codes, which front ends translate.
 */
label: string, indicators: Indicators, };

export type IndicatorReport = { scope: Scope, breakdown: Breakdown | null, total: Indicators, groups: Array<IndicatorGroup>, };

export type CsvTable = "indicators" | "sessions" | "attendance" | "scores" | "assessments";

export type Dhis2Format = "json" | "adx";

export type FilePurpose = "bundle" | "pdf" | "workbook" | "csv" | "json" | "xml" | "spreadsheet" | "store";

export type RecoveryKitView = { 
/**
 * The laptop whose store it opens, and its person.
 */
device_name: string, author: string, 
/**
 * The coordinators who can open it.
 */
coordinators: Array<string>, };

/** Present, late or left early: what counts as attended. */
export const COUNTED_ATTENDANCE: readonly AttendanceStatus[] = ['present', 'late', 'left_early'];

/** Every status a session shows, to read one from an address. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['draft', 'submitted', 'validated', 'returned'];

/** In the order of `Breakdown::ALL`. */
export const BREAKDOWNS: readonly Breakdown[] = ['sex', 'cadre', 'category', 'facility', 'level', 'programme', 'month'];

/** In the order of `binome indicators` (INDICATOR_COLUMNS). */
export const INDICATORS: readonly (keyof Indicators)[] = ['sessions', 'persons_trained', 'training_hours', 'person_hours', 'person_days', 'attendance_rate', 'scored_pairs', 'pre_mean_percent', 'post_mean_percent', 'gain_points', 'pass_rate', 'competency_pairs', 'competencies_acquired_rate', 'progression_rate', 'sessions_validated_rate', 'missions', 'expert_days'];

/** The indicators that count things: whole numbers. */
export const COUNT_INDICATORS: readonly (keyof Indicators)[] = ['sessions', 'persons_trained', 'scored_pairs', 'competency_pairs', 'missions', 'expert_days'];
