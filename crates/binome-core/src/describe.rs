//! Errors as sentences, for every front end: a headline, then one line per
//! problem naming the field (or the spreadsheet line and column) and the
//! value. The CLI prints them; the desktop app shows them beside the action.

use crate::error::CoreError;
use crate::i18n::Messages;
use crate::import::{ColumnChoiceError, ImportError};
use crate::sheet::ReadError;
use binome_domain::Kind;

fn kind_name(kind: Kind, m: &Messages) -> String {
    m.kind(kind)
}

/// A device as people know it: "portable-expert (01a23245…)", or its id.
fn named_device(device: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{name} ({}…)", device.chars().take(8).collect::<String>()),
        None => device.to_owned(),
    }
}

fn nearby_refusal_key(refusal: binome_sync::nearby::Refusal) -> String {
    let code: &str = refusal.into();
    format!("nearby-refusal-{}", code.replace('_', "-"))
}

/// A refusal between two laptops nearby, with what people compare on both
/// screens before trusting: the other's name, fingerprint and the code.
fn refused_nearby(key: &str, name: &str, fingerprint: &str, code: &str, reason: String, m: &Messages) -> String {
    let args = [
        ("name", name.to_owned()),
        ("fingerprint", fingerprint.to_owned()),
        ("code", code.to_owned()),
        ("reason", reason),
    ];
    m.text(key, &args)
}

fn nearby_error(error: &binome_sync::nearby::NearbyError, m: &Messages) -> String {
    use binome_sync::nearby::NearbyError;
    match error {
        NearbyError::Connection(source) => m.text("error-nearby-connection", &[("detail", source.to_string())]),
        NearbyError::Channel(source) => m.text("error-nearby-channel", &[("detail", source.to_string())]),
        NearbyError::Discovery(source) => m.text("error-nearby-discovery", &[("detail", source.to_string())]),
        NearbyError::Protocol { detail } => m.text("error-nearby-protocol", &[("detail", detail.clone())]),
        NearbyError::BadSignature => m.text("error-nearby-bad-signature", &[]),
        NearbyError::Unanswered => m.text("error-nearby-unanswered", &[]),
        NearbyError::RefusedByPeer(refusal) => {
            let reason = m.text(&format!("{}-theirs", nearby_refusal_key(*refusal)), &[]);
            m.text("error-nearby-refused-by-peer", &[("reason", reason)])
        }
    }
}

pub fn describe(error: &CoreError, m: &Messages) -> String {
    let mut out = String::new();
    match error {
        CoreError::Invalid { kind, problems } => {
            let headline = m.text(
                "error-invalid",
                &[("kind", capitalise(&kind_name(*kind, m))), ("count", problems.0.len().to_string())],
            );
            out.push_str(&headline);
            out.push('\n');
            for p in &problems.0 {
                out.push_str(&format!("  - {}\n", m.problem(p)));
            }
        }
        CoreError::NotFound { kind, text } => {
            out.push_str(&m.text("error-not-found", &[("kind", kind_name(*kind, m)), ("text", text.clone())]));
            out.push('\n');
        }
        CoreError::Ambiguous { kind, text, candidates } => {
            out.push_str(&m.text(
                "error-ambiguous",
                &[("kind", kind_name(*kind, m)), ("text", text.clone()), ("candidates", candidates.join(", "))],
            ));
            out.push('\n');
        }
        CoreError::Io { path, source } => {
            out.push_str(&m.text("error-io", &[("path", path.clone()), ("detail", source.to_string())]));
            out.push('\n');
        }
        CoreError::Import(error) => import_error(error, m, &mut out),
        CoreError::UnknownBreakdown(value) => {
            out.push_str(
                &m.text(
                    "error-unknown-breakdown",
                    &[
                        ("value", value.clone()),
                        (
                            "allowed",
                            binome_domain::indicators::Breakdown::ALL
                                .iter()
                                .map(|b| b.code())
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ],
                ),
            );
            out.push('\n');
        }
        CoreError::BackupNotFound(name) => {
            out.push_str(&m.text("error-backup-not-found", &[("name", name.clone())]));
            out.push('\n');
        }
        CoreError::BackupAmbiguous(name, candidates) => {
            out.push_str(
                &m.text("error-backup-ambiguous", &[("name", name.clone()), ("candidates", candidates.join(", "))]),
            );
            out.push('\n');
        }
        CoreError::Pdf(detail) => {
            out.push_str(&m.text("error-pdf", &[("detail", detail.to_string())]));
            out.push('\n');
        }
        CoreError::Spreadsheet(detail) => {
            out.push_str(&m.text("error-spreadsheet", &[("detail", detail.to_string())]));
            out.push('\n');
        }
        CoreError::Bundle(error) => bundle_error(error, m, &mut out),
        CoreError::Sync(refusal) => sync_refusal(refusal, m, &mut out),
        CoreError::Dhis2(error) => dhis2_error(error, m, &mut out),
        CoreError::DemoStoreNotEmpty => {
            out.push_str(&m.text("error-demo-not-empty", &[]));
            out.push('\n');
        }
        CoreError::RoleForbids { role, kind } => {
            out.push_str(&m.text("error-role-forbids", &[("role", m.value(role.code())), ("kind", m.kind(*kind))]));
            out.push('\n');
        }
        CoreError::CoordinatorOnly { role } => {
            out.push_str(&m.text("error-coordinator-only", &[("role", m.value(role.code()))]));
            out.push('\n');
        }
        CoreError::RevokeOwnLaptop => {
            out.push_str(&m.text("error-revoke-own-laptop", &[]));
            out.push('\n');
        }
        CoreError::PseudonymKeyUnavailable { programme, holders } => {
            let key = if holders.is_empty() { "error-pseudonym-key-coordinator" } else { "error-pseudonym-key-sealed" };
            out.push_str(&m.text(key, &[("programme", programme.clone()), ("holders", holders.join(", "))]));
            out.push('\n');
        }
        CoreError::Seal(error) => {
            out.push_str(&m.text("error-seal", &[("detail", error.to_string())]));
            out.push('\n');
        }
        CoreError::Nearby(error) => {
            out.push_str(&nearby_error(error, m));
            out.push('\n');
        }
        CoreError::NearbyPeerRefused { refusal, name, fingerprint, code } => {
            let reason = m.text(&nearby_refusal_key(*refusal), &[("name", name.clone())]);
            out.push_str(&refused_nearby("error-nearby-peer-refused", name, fingerprint, code, reason, m));
            out.push('\n');
        }
        CoreError::NearbyRefusedByPeer { refusal, name, fingerprint, code } => {
            let reason = m.text(&format!("{}-theirs", nearby_refusal_key(*refusal)), &[]);
            out.push_str(&refused_nearby("error-nearby-refused-by-named-peer", name, fingerprint, code, reason, m));
            out.push('\n');
        }
        CoreError::Vault(error) => {
            out.push_str(&vault_error(error, m));
            out.push('\n');
        }
        CoreError::Store(store) => store_error(store, m, &mut out),
    }
    out
}

fn import_error(error: &ImportError, m: &Messages, out: &mut String) {
    match error {
        ImportError::Read { path, source } => {
            out.push_str(&read_error(path, source, m));
            out.push('\n');
        }
        ImportError::Choice { field, value, target } => {
            out.push_str(&m.text(
                "error-import-value-choice",
                &[("field", m.field(field)), ("value", value.clone()), ("target", target.clone())],
            ));
            out.push('\n');
        }
        ImportError::Column(choice) => {
            out.push_str(&match choice {
                ColumnChoiceError::NoSuchHeading(heading) => {
                    m.text("error-import-column-heading", &[("heading", heading.clone())])
                }
                ColumnChoiceError::NoSuchField { heading, field } => {
                    m.text("error-import-column-field", &[("heading", heading.clone()), ("field", field.clone())])
                }
            });
            out.push('\n');
        }
        ImportError::Empty { path } => {
            out.push_str(&m.text("error-import-empty", &[("path", path.clone())]));
            out.push('\n');
        }
        ImportError::MissingColumn { path, column, kind } => {
            out.push_str(&m.text(
                "error-import-header",
                &[
                    ("path", path.clone()),
                    ("column", crate::import::column_label(column, m)),
                    ("kind", kind.code().to_owned()),
                ],
            ));
            out.push('\n');
        }
        ImportError::Rows { report } => {
            out.push_str(&m.text("error-import-rows", &[("count", report.lines_in_error.to_string())]));
            out.push('\n');
            out.push_str(&row_problems(&report.problems, m));
            out.push_str(&problems_not_shown(report, m));
        }
    }
}

fn bundle_error(error: &binome_sync::BundleError, m: &Messages, out: &mut String) {
    use binome_sync::BundleError;
    let args: Vec<(&str, String)> = match error {
        BundleError::Unreadable { detail } => vec![("detail", detail.clone())],
        BundleError::NewerFormat { found, supported } => {
            vec![("found", found.to_string()), ("supported", supported.to_string())]
        }
        BundleError::PayloadMismatch { what } => vec![("what", what.to_string())],
        BundleError::BadPayload { line, detail } => {
            vec![("line", line.to_string()), ("detail", detail.clone())]
        }
        BundleError::Write(detail) => vec![("detail", detail.to_string())],
        BundleError::TooLarge { limit, max } => {
            vec![("limit", limit.code().to_owned()), ("max", crate::describe::size(*max))]
        }
        BundleError::Unsupported { field, value } => {
            vec![("field", (*field).to_owned()), ("value", value.clone())]
        }
        BundleError::NewerSchema { found, supported } => {
            vec![("found", found.to_string()), ("supported", supported.to_string())]
        }
        BundleError::CountMismatch { table, declared, found } => {
            let kind = Kind::from_table(table).map_or(table.clone(), |k| m.kind(k));
            vec![("kind", kind), ("declared", declared.to_string()), ("found", found.to_string())]
        }
        BundleError::BadSegment { origin, first_counter } => {
            vec![("device", origin.clone()), ("counter", first_counter.to_string())]
        }
        BundleError::MissingSignature
        | BundleError::BadSignature
        | BundleError::NotForUs
        | BundleError::BadCertificate => vec![],
    };
    out.push_str(&m.text(&format!("error-{}", error.code()), &args));
    out.push('\n');
}

fn sync_refusal(refusal: &crate::sync::SyncRefusal, m: &Messages, out: &mut String) {
    use crate::sync::SyncRefusal;
    let args: Vec<(&str, String)> = match refusal {
        SyncRefusal::Revoked { device } => vec![("device", device.clone())],
        SyncRefusal::Rejected { device } => vec![("device", device.clone())],
        SyncRefusal::KeyMismatch { device } => vec![("device", device.clone())],
        SyncRefusal::Forged { kind, id } => {
            vec![("table", m.kind(*kind)), ("id", id.clone())]
        }
        SyncRefusal::UnknownRecipient { text } => {
            vec![("text", text.clone())]
        }
        SyncRefusal::RoleForbids { device, role, kind } => {
            vec![("device", device.clone()), ("role", m.value(role.code())), ("kind", m.kind(*kind))]
        }
        SyncRefusal::UnknownOrigin { device } => {
            vec![("device", device.clone())]
        }
        SyncRefusal::OutsideMissions { device, kind, id } => {
            vec![("device", device.clone()), ("kind", m.kind(*kind)), ("id", id.clone())]
        }
        SyncRefusal::DeviceHasWork { device } => {
            vec![("device", device.clone())]
        }
        SyncRefusal::RevokedNeedsConfirmation { device } => {
            vec![("device", device.clone())]
        }
        SyncRefusal::UnverifiedOrigin { device, name } => {
            vec![("device", named_device(device, name.as_deref()))]
        }
        SyncRefusal::Unverified { device, name, kind, id } => {
            vec![("device", named_device(device, name.as_deref())), ("kind", m.kind(*kind)), ("id", id.clone())]
        }
        SyncRefusal::FieldTooLong { kind, id, field, max } => {
            vec![("kind", m.kind(*kind)), ("id", id.clone()), ("field", field.clone()), ("max", max.to_string())]
        }
        SyncRefusal::QuarantineFull { limit, max } => {
            let (code, max) = match limit {
                crate::sync::QuarantineLimit::BundleBytes => ("bundle_bytes", size(*max)),
                crate::sync::QuarantineLimit::Bundles => ("bundles", max.to_string()),
                crate::sync::QuarantineLimit::TotalBytes => ("total_bytes", size(*max)),
            };
            vec![("limit", code.to_owned()), ("max", max)]
        }
        SyncRefusal::AmbiguousDevice { text, candidates } => {
            vec![("text", text.clone()), ("candidates", candidates.join(", "))]
        }
    };
    out.push_str(&m.text(&format!("error-{}", refusal.code()), &args));
    out.push('\n');
}

fn dhis2_error(error: &crate::dhis2::Dhis2Error, m: &Messages, out: &mut String) {
    use crate::dhis2::Dhis2Error;
    let text = match error {
        Dhis2Error::BadPeriod { text } => m.text("error-dhis2-period", &[("value", text.clone())]),
        Dhis2Error::BadMapping { detail } => m.text("error-dhis2-mapping", &[("detail", detail.clone())]),
        Dhis2Error::Unreachable { server, detail } => {
            m.text("error-dhis2-unreachable", &[("server", server.clone()), ("detail", detail.clone())])
        }
        Dhis2Error::InsecureServer { server } => m.text("error-dhis2-insecure-server", &[("server", server.clone())]),
        Dhis2Error::Refused { status, detail } => {
            m.text("error-dhis2-refused", &[("status", status.to_string()), ("detail", detail.clone())])
        }
        Dhis2Error::BadIdentifier { field, value } => {
            m.text("error-dhis2-identifier", &[("field", field.clone()), ("value", value.clone())])
        }
        Dhis2Error::UnknownFigure { indicator, disaggregation } => m.text(
            "error-dhis2-unknown-figure",
            &[("indicator", indicator.clone()), ("disaggregation", disaggregation.clone())],
        ),
        Dhis2Error::Unmapped { facilities, figures } => {
            let mut text = m.text("error-dhis2-unmapped", &[("count", (facilities.len() + figures.len()).to_string())]);
            for facility in facilities {
                text.push_str(&format!(
                    "\n  - {}",
                    m.text("error-dhis2-unmapped-facility", &[("name", facility.clone())])
                ));
            }
            for figure in figures {
                text.push_str(&format!("\n  - {}", m.text("error-dhis2-unmapped-figure", &[("name", figure.clone())])));
            }
            text
        }
    };
    out.push_str(&text);
    out.push('\n');
}

fn store_error(store: &binome_store::StoreError, m: &Messages, out: &mut String) {
    use binome_store::StoreError;
    let text = match store {
        StoreError::NewerSchema { path, found, supported } => m.text(
            "error-newer-schema",
            &[("path", path.clone()), ("found", found.to_string()), ("supported", supported.to_string())],
        ),
        StoreError::NotInitialised => m.text("error-not-initialised", &[]),
        StoreError::WrongKey { path } => m.text("error-wrong-key", &[("path", path.clone())]),
        StoreError::NotABackup { path } => m.text("error-not-a-backup", &[("path", path.clone())]),
        StoreError::BackupAltered { path, object } => {
            m.text("error-backup-altered", &[("path", path.clone()), ("object", object.clone())])
        }
        StoreError::BackupOfAnotherDevice { path, device_id } => {
            m.text("error-backup-other-device", &[("path", path.clone()), ("device", device_id.clone())])
        }
        StoreError::AlreadyInitialised { device_id } => {
            m.text("error-already-initialised", &[("device", device_id.clone())])
        }
        other => m.text("error-store", &[("detail", format!("{other:#}"))]),
    };
    out.push_str(&text);
    out.push('\n');
}

fn vault_error(error: &crate::vault::VaultError, m: &Messages) -> String {
    use crate::vault::VaultError;
    match error {
        VaultError::WrongPassphrase => m.text("error-wrong-passphrase", &[]),
        VaultError::PassphraseTooShort { min } => m.text("error-passphrase-too-short", &[("min", min.to_string())]),
        VaultError::KeyFileMissing { store, key_file } => {
            m.text("error-key-file-missing", &[("store", store.clone()), ("key_file", key_file.clone())])
        }
        VaultError::StoreMissing { store, key_file } => {
            m.text("error-store-missing", &[("store", store.clone()), ("key_file", key_file.clone())])
        }
        VaultError::KeyFileDamaged { detail } => m.text("error-key-file-damaged", &[("detail", detail.clone())]),
        VaultError::AlreadyProtected { store } => m.text("error-already-protected", &[("store", store.clone())]),
        VaultError::NotProtected { store } => m.text("error-not-protected", &[("store", store.clone())]),
        VaultError::KitDamaged { path, detail } => {
            m.text("error-kit-damaged", &[("path", path.clone()), ("detail", detail.clone())])
        }
        VaultError::KitNotForUs => m.text("error-kit-not-for-us", &[]),
        VaultError::KitForAnotherStore { store } => m.text("error-kit-other-store", &[("store", store.clone())]),
        VaultError::NoCoordinator => m.text("error-no-coordinator", &[]),
        VaultError::KeychainUnavailable { detail } => {
            m.text("error-keychain-unavailable", &[("detail", detail.clone())])
        }
        VaultError::Io { path, source } => {
            m.text("error-io", &[("path", path.clone()), ("detail", source.to_string())])
        }
    }
}

/// A size in bytes as people read it: "32 Mio", "1 Mio", "512 Kio".
/// A file refused by the reader, naming the line, the cell or the limit.
pub fn read_error(path: &str, error: &ReadError, m: &Messages) -> String {
    let path = ("path", path.to_owned());
    match error {
        ReadError::Io { .. } => m.text("error-read-io", &[path]),
        ReadError::Workbook { detail } => m.text("error-import-format", &[path, ("detail", detail.clone())]),
        ReadError::Delimited { line, source } => {
            m.text("error-import-format", &[path, ("detail", format!("{line} : {source}"))])
        }
        ReadError::Empty => m.text("error-import-empty", &[path]),
        ReadError::SheetNotFound { sheet, sheets } => {
            m.text("error-read-sheet-not-found", &[path, ("sheet", sheet.clone()), ("sheets", sheets.join(", "))])
        }
        ReadError::RangeTooLarge { cell, max_columns } => m.text(
            "error-read-range-too-large",
            &[path, ("cell", cell.clone()), ("max", crate::sheet::column_letters(max_columns - 1))],
        ),
        ReadError::TooManyCells { max } => m.text("error-read-too-many-cells", &[path, ("max", max.to_string())]),
        ReadError::TooManyMergedRegions { max } => {
            m.text("error-read-too-many-merged-regions", &[path, ("max", max.to_string())])
        }
        ReadError::SheetTooLarge { first, last, max } => m.text(
            "error-read-sheet-too-large",
            &[path, ("first", first.clone()), ("last", last.clone()), ("max", max.to_string())],
        ),
        ReadError::CellTooLong { line, column, max } => m.text(
            "error-read-cell-too-long",
            &[
                path,
                ("line", line.to_string()),
                ("column", crate::sheet::column_letters(*column as u32 - 1)),
                ("max", max.to_string()),
            ],
        ),
        ReadError::FileTooLarge { bytes, max } => {
            m.text("error-read-file-too-large", &[path, ("size", size(*bytes)), ("max", size(*max))])
        }
        ReadError::InflatesTooMuch { max, .. } => m.text("error-read-inflates-too-much", &[path, ("max", size(*max))]),
        ReadError::SharedTextsMiscounted { declared, bytes } => m.text(
            "error-read-shared-texts-miscounted",
            &[path, ("declared", declared.to_string()), ("size", size(*bytes))],
        ),
        ReadError::MixedEncoding { line, utf8_line } => m.text(
            "error-read-mixed-encoding",
            &[path, ("line", line.to_string()), ("utf8_line", utf8_line.map_or("none".into(), |l| l.to_string()))],
        ),
        ReadError::UnclosedQuote { line } => m.text("error-read-unclosed-quote", &[path, ("line", line.to_string())]),
        ReadError::ControlCharacter { line, column, code } => m.text(
            "error-read-control-character",
            &[path, ("line", line.to_string()), ("column", column.to_string()), ("code", format!("{code:04X}"))],
        ),
    }
}

pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} Mio", bytes >> 20)
    } else if bytes >= 1 << 10 {
        format!("{} Kio", bytes >> 10)
    } else {
        format!("{bytes} o")
    }
}

/// The count of problems past those a report keeps, if any.
pub fn problems_not_shown(report: &crate::import::ImportReport, m: &Messages) -> String {
    match report.problems_total.saturating_sub(report.problems.len()) {
        0 => String::new(),
        more => format!("{}\n", m.text("import-more-problems", &[("count", more.to_string())])),
    }
}

pub fn row_problems(problems: &[crate::import::RowProblem], m: &Messages) -> String {
    let mut out = String::new();
    for p in problems {
        let message = m.problem(&p.problem);
        out.push_str(&format!(
            "  - {}\n",
            m.text(
                "import-row-problem",
                &[("line", p.line.to_string()), ("column", p.column.clone()), ("message", message)]
            )
        ));
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::nearby_refusal_key;
    use crate::i18n::{Lang, Messages};
    use binome_sync::nearby::Refusal;
    use strum::VariantArray;

    #[test]
    fn every_nearby_refusal_reads_as_a_sentence_on_both_laptops() {
        for lang in [Lang::Fr, Lang::En] {
            let m = Messages::new(lang);
            for refusal in Refusal::VARIANTS {
                let key = nearby_refusal_key(*refusal);
                assert!(m.has(&key), "{key} ({lang:?})");
                assert!(m.has(&format!("{key}-theirs")), "{key}-theirs ({lang:?})");
            }
        }
    }
}
