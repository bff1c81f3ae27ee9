// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --test bindings`.

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type Kind = "programme" | "organisation" | "person" | "mission" | "team_member" | "enrolment" | "session" | "attendance" | "test_score" | "framework" | "assessment" | "review" | "person_merge";

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

export type FieldProblem = { field: string, code: string, value: string, message: string, };

export type RowProblemView = { line: number, column: string, field: string, message: string, };

export type ErrorView = { code: string, message: string, problems: Array<FieldProblem>, rows: Array<RowProblemView>, };

export type DeviceView = { id: string, name: string, author: string, role: string, fingerprint: string, };

export type StatusView = { store_path: string, device: DeviceView | null, 
/**
 * No programme, mission nor person yet: offer the demo data.
 */
empty: boolean, conflicts: number, quarantined: number, };

export type RosterRow = { person_id: string, name: string, cadre: string | null, organisation: string | null, 
/**
 * present, late, left_early, absent, excused; none if not yet marked.
 */
status: string | null, note: string | null, };

export type RosterView = { session: RecordView, mission: RecordView, rows: Array<RosterRow>, };

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

export type PreviewRow = { 
/**
 * The line as Excel shows it.
 */
line: number, cells: Array<string>, 
/**
 * This row's problems as sentences; empty when the row is good.
 */
problems: Array<string>, 
/**
 * Columns (headings) that hold a problem, to mark the cells.
 */
bad_columns: Array<string>, };

export type ImportPreview = { file: string, headers: Array<string>, rows: Array<PreviewRow>, 
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

export type DuplicateView = { first: RecordView, second: RecordView, 
/**
 * name, phone: why they look like one person.
 */
reasons: Array<string>, };

export type DeviceRowView = { id: string, name: string, role: string, 
/**
 * self, trusted, pending, revoked or rejected.
 */
trust: string, fingerprint: string, 
/**
 * Milliseconds since 1970, when first seen here.
 */
first_seen: number, };

export type ExportView = { path: string, versions: number, bytes: number, recipients: Array<string>, incremental: boolean, };

export type TableCountView = { kind: Kind | null, table: string, new: number, updated: number, unchanged: number, conflicting: number, };

export type BundleOutcomeView = { 
/**
 * applied, already_imported, quarantined or device_introduced.
 */
outcome: string, dry_run: boolean, sender: string, fingerprint: string | null, counts: Array<TableCountView>, 
/**
 * Versions stamped more than a day ahead of this laptop's clock.
 */
far_future: number, };

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

export type ImportSummary = { 
/**
 * OK, WARNING or ERROR.
 */
status: string, imported: number, updated: number, ignored: number, deleted: number, 
/**
 * What DHIS2 refused, as it says it: "object: value".
 */
conflicts: Array<string>, dry_run: boolean, };
