//! The TypeScript twins of every type the commands exchange, generated
//! from the Rust types with ts-rs into `ui/src/lib/bindings.ts`. A test
//! (below) fails when the committed file is stale; run it with
//! `UPDATE_BINDINGS=1` to rewrite it.

use crate::commands::files::FilePurpose;
use crate::commands::lock::LockView;
use crate::commands::recovery::RecoveryKitView;
use crate::commands::setup::NewDevice;
use binome_core::backups::BackupReason;
use binome_core::dhis2::{Dhis2Format, Dhis2Status, ImportSummary};
use binome_core::domain::codes::{AssessmentContext, AttendanceStatus, Phase, ReviewDecision, ReviewStatus};
use binome_core::domain::disclosure::Disclosure;
use binome_core::domain::framework::{Competency, Criterion, Domain, Framework, RatingScale, ScaleLevel};
use binome_core::domain::indicators::{Breakdown, Indicators, Scope};
use binome_core::domain::{Kind, ProblemCode};
use binome_core::exports::{COUNT_INDICATORS, CsvRequest, CsvTable, INDICATOR_COLUMNS};
use binome_core::i18n::Lang;
use binome_core::import::{
    ColumnChoice, ColumnReport, ColumnUse, CreatedFacility, CreatedProfession, ImportChoices, ImportKind, NewFacility,
    NewProfession, NewRecord, ProgrammeProfession, ValueChoice, ValueGroup,
};
use binome_core::indicators::{IndicatorGroup, IndicatorReport};
use binome_core::sheet::{HiddenRows, SheetLine, Source, TextEncoding};
use binome_core::vault::StoreState;
use binome_core::views::*;
use binome_core::{AttendanceMark, DeviceRole, DeviceTrust, PersonMerge, ScoreEntry, SessionDecision};
use ts_rs::TS;

/// Where the UI imports them from, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

macro_rules! declarations {
    ($($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl())),*]
    };
}

/// Constants the screens iterate, from the Rust lists so that none is
/// written twice: DOMAIN.md's counted attendance (the roster's count as it
/// ticks), the statuses a session shows (to check one read from an
/// address), the breakdowns and indicators in the order every front end
/// lists them, and which indicators are counts.
fn constants() -> String {
    fn quoted<'a>(codes: impl Iterator<Item = &'a str>) -> String {
        codes.map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ")
    }
    let counted = AttendanceStatus::ALL.iter().filter(|s| s.is_counted()).map(|s| s.code());
    format!(
        "/** Present, late or left early: what counts as attended. */\n\
         export const COUNTED_ATTENDANCE: readonly AttendanceStatus[] = [{}];\n\n\
         /** Every status a session shows, to read one from an address. */\n\
         export const REVIEW_STATUSES: readonly ReviewStatus[] = [{}];\n\n\
         /** In the order of `Breakdown::ALL`. */\n\
         export const BREAKDOWNS: readonly Breakdown[] = [{}];\n\n\
         /** In the order of `binome indicators` (INDICATOR_COLUMNS). */\n\
         export const INDICATORS: readonly (keyof Indicators)[] = [{}];\n\n\
         /** The indicators that count things: whole numbers. */\n\
         export const COUNT_INDICATORS: readonly (keyof Indicators)[] = [{}];\n\n",
        quoted(counted),
        quoted(ReviewStatus::ALL.iter().map(|s| s.code())),
        quoted(Breakdown::ALL.iter().map(|b| b.code())),
        quoted(INDICATOR_COLUMNS.iter().copied()),
        quoted(COUNT_INDICATORS.iter().copied()),
    )
}

/// The whole file, as it should be committed.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs (ts-rs).\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings`.\n\n\
         export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;\n\n",
    );
    let decls = declarations![
        BackupReason,
        BackupView,
        Kind,
        RecordView,
        FieldView,
        Page,
        ListRequest,
        ProblemCode,
        FieldProblem,
        RowProblemView,
        ErrorView,
        StoreState,
        NewDevice,
        LockView,
        DeviceRole,
        DeviceTrust,
        Lang,
        AttendanceStatus,
        AssessmentContext,
        Phase,
        ReviewDecision,
        ReviewStatus,
        DeviceView,
        SentBundleView,
        Disclosure,
        CsvRequest,
        StatusView,
        RosterRow,
        RosterView,
        AttendanceMark,
        PersonMerge,
        ScoreRow,
        ScoreGrid,
        ScoreEntry,
        PreviewRow,
        TextEncoding,
        Source,
        ColumnUse,
        ColumnReport,
        ColumnChoice,
        NewFacility,
        NewProfession,
        NewRecord,
        ValueChoice,
        ValueGroup,
        CreatedFacility,
        CreatedProfession,
        ProgrammeProfession,
        ImportChoices,
        ImportKind,
        ImportRequest,
        ImportPreview,
        SheetLine,
        HiddenRows,
        DuplicateView,
        DeviceRowView,
        ExportView,
        TableCountView,
        BundleOutcome,
        BundleOutcomeView,
        NearbyOutcomeView,
        NearbyLaptopView,
        NearbyListeningView,
        QuarantineView,
        HeadView,
        ConflictView,
        Dhis2Status,
        ImportSummary,
        ScopeText,
        ReviewView,
        ReviewQueueRow,
        ReviewPage,
        SessionReview,
        SessionDecision,
        ScaleLevel,
        RatingScale,
        Criterion,
        Competency,
        Domain,
        Framework,
        CompetencyRating,
        CompetencyGrid,
        ProgressionStep,
        ProgressionRow,
        Breakdown,
        Scope,
        Indicators,
        IndicatorGroup,
        IndicatorReport,
        CsvTable,
        Dhis2Format,
        FilePurpose,
        RecoveryKitView,
    ];
    for decl in decls {
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str(&constants());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::{BINDINGS_PATH, typescript};
    use std::path::PathBuf;

    #[test]
    fn committed_bindings_match_the_rust_types() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(BINDINGS_PATH);
        let expected = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).expect("bindings written");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings` and commit it"
        );
    }
}
