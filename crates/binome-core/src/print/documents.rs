//! The three printed documents, laid out with [`super::pdf::PdfWriter`].

use super::pdf::{CONTENT_WIDTH, Cell, INK, LINE, MARGIN, MUTED, PdfWriter, french_spacing};
use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::i18n::{Lang, Messages};
use crate::indicators::IndicatorReport;
use crate::views::RecordView;
use binome_domain::Kind;
use binome_domain::codes::{AttendanceStatus, ReviewStatus};
use binome_domain::indicators::{Breakdown, Indicators, Scope};
use binome_store::ListQuery;
use serde_json::Value;

pub(super) fn lang_tag(m: &Messages) -> &'static str {
    match m.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// A number as the reader writes it: 12,5 in French, 12.5 in English.
fn number(value: f64, digits: usize, m: &Messages) -> String {
    let text = format!("{value:.digits$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text };
    if m.lang == Lang::Fr { text.replace('.', ",") } else { text }
}

fn percent(rate: Option<f64>, m: &Messages) -> String {
    rate.map_or("—".into(), |r| format!("{}\u{202F}%", number(r * 100.0, 0, m)))
}

/// A catalogue sentence, with French typography in French documents.
pub(super) fn say(m: &Messages, key: &str, args: &[(&str, String)]) -> String {
    let text = m.text(key, args);
    if m.lang == Lang::Fr { french_spacing(&text) } else { text }
}

/// DOMAIN.md's counted attendance (present, late or left early).
fn counted(status: &str) -> bool {
    AttendanceStatus::parse(status).is_some_and(AttendanceStatus::is_counted)
}

fn text<'a>(record: &'a RecordView, field: &str) -> &'a str {
    record.text.get(field).map(String::as_str).unwrap_or("")
}

fn reference<'a>(record: &'a RecordView, field: &str) -> &'a str {
    record.refs.get(field).map(String::as_str).unwrap_or("")
}

impl Binome {
    /// What people typed, with French typography in French documents.
    fn prose(&self, m: &Messages, text: &str) -> String {
        if m.lang == Lang::Fr { french_spacing(text) } else { text.to_owned() }
    }

    fn programme_line(&self, mission: &RecordView) -> String {
        reference(mission, "programme_id").to_owned()
    }

    /// The sheet participants sign at a session: one row per person
    /// enrolled in the mission, with a column to sign.
    pub fn attendance_sheet_pdf(&self, session: &str, m: &Messages) -> Result<Vec<u8>> {
        let roster = self.roster(session)?;
        let (session, mission) = (&roster.session, &roster.mission);
        let title = say(m, "print-sheet-title", &[]);
        let mut pdf = PdfWriter::new(&title, &format!("Binôme — {}", text(mission, "code")), lang_tag(m));
        pdf.heading(&title, 18.0);
        pdf.key_values(
            &[
                (say(m, "print-programme", &[]), self.programme_line(mission)),
                (say(m, "print-mission", &[]), format!("{} — {}", text(mission, "code"), text(mission, "title"))),
                (say(m, "print-host", &[]), reference(mission, "host_org_id").to_owned()),
                (say(m, "print-session", &[]), text(session, "title").to_owned()),
                (
                    say(m, "print-when", &[]),
                    format!(
                        "{}{} — {}",
                        text(session, "date"),
                        session.text.get("start_time").map(|t| format!(" {t}")).unwrap_or_default(),
                        text(session, "duration")
                    ),
                ),
                (say(m, "print-modality", &[]), m.value(text(session, "modality"))),
                (say(m, "print-trainers", &[]), reference(session, "trainer_ids").to_owned()),
            ],
            10.0,
        );
        let rows: Vec<Vec<Cell>> = roster
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    Cell::number((i + 1).to_string()),
                    Cell::text(r.name.clone()),
                    Cell::text(r.cadre.as_deref().map(|c| m.value(c)).unwrap_or_default()),
                    Cell::text(r.organisation.clone().unwrap_or_default()),
                    Cell::text(""),
                ]
            })
            .collect();
        let headers = [
            "N°".to_owned(),
            say(m, "print-name", &[]),
            say(m, "field-cadre", &[]),
            say(m, "field-organisation_id", &[]),
            say(m, "print-signature", &[]),
        ];
        pdf.table(&headers, &[0.06, 0.3, 0.19, 0.2, 0.25], &rows, 9.0, 26.0);
        pdf.paragraph(&say(m, "print-sheet-count", &[("count", roster.rows.len().to_string())]), 9.0);
        pdf.space(10.0);
        pdf.ensure(60.0);
        let y = pdf.y + 40.0;
        pdf.text_at(MARGIN, pdf.y + 12.0, 9.0, true, INK, &say(m, "print-trainer-signature", &[]));
        pdf.line(MARGIN, y, MARGIN + CONTENT_WIDTH * 0.45, y, LINE, 0.8);
        pdf.finish().map_err(CoreError::Pdf)
    }

    /// The sessions a person attended (present, late or left early) in a
    /// mission, with their hours.
    fn attended_sessions(&self, mission_id: &str, person_id: &str) -> Result<Vec<(RecordView, i64)>> {
        let query = ListQuery { equals: vec![("mission_id", mission_id.to_owned())], ..ListQuery::default() };
        let mut sessions = self.store.list(Kind::Session, &query)?;
        sessions.sort_by_key(|s| s.data.get("date").and_then(Value::as_str).unwrap_or_default().to_owned());
        let mut attended = Vec::new();
        for session in sessions {
            let query = ListQuery {
                equals: vec![("session_id", session.id.clone()), ("person_id", person_id.to_owned())],
                ..ListQuery::default()
            };
            let counted = self
                .store
                .list(Kind::Attendance, &query)?
                .iter()
                .any(|a| a.data.get("status").and_then(Value::as_str).is_some_and(counted));
            if counted {
                let minutes = session.data.get("duration").and_then(Value::as_i64).unwrap_or(0);
                attended.push((self.record_view(&session), minutes));
            }
        }
        Ok(attended)
    }

    /// The participation certificate (attestation de formation).
    pub fn certificate_pdf(&self, person: &str, mission: &str, m: &Messages) -> Result<Vec<u8>> {
        let person = self.record(Kind::Person, &self.resolve(Kind::Person, person)?)?;
        let mission = self.record(Kind::Mission, &self.resolve(Kind::Mission, mission)?)?;
        let attended = self.attended_sessions(&mission.id, &person.id)?;
        let minutes: i64 = attended.iter().map(|(_, m)| m).sum();
        let title = say(m, "print-certificate-title", &[]);
        let mut pdf = PdfWriter::new(&title, &format!("Binôme — {}", text(&mission, "code")), lang_tag(m));
        pdf.space(40.0);
        pdf.heading(&title, 24.0);
        pdf.space(20.0);
        // The programme's own title when the person has one.
        let cadre =
            Some(reference(&person, "profession_id")).filter(|t| !t.is_empty()).unwrap_or(text(&person, "cadre"));
        let body = say(
            m,
            "print-certificate-body",
            &[
                ("name", person.label.clone()),
                // "none" selects the catalogue's variant without the comma.
                ("cadre", if cadre.is_empty() { "none".to_owned() } else { m.value(cadre) }),
                (
                    "organisation",
                    Some(reference(&person, "organisation_id")).filter(|o| !o.is_empty()).unwrap_or("none").to_owned(),
                ),
                ("mission", text(&mission, "title").to_owned()),
                ("host", reference(&mission, "host_org_id").to_owned()),
                ("start", text(&mission, "start_date").to_owned()),
                ("end", text(&mission, "end_date").to_owned()),
                ("programme", self.programme_line(&mission)),
                ("sessions", attended.len().to_string()),
                ("hours", number(minutes as f64 / 60.0, 1, m)),
            ],
        );
        pdf.paragraph(&body, 12.0);
        pdf.space(10.0);
        let rows: Vec<Vec<Cell>> = attended
            .iter()
            .map(|(s, minutes)| {
                vec![
                    Cell::text(text(s, "date")),
                    Cell::text(text(s, "title")),
                    Cell::text(m.value(text(s, "modality"))),
                    Cell::number(number(*minutes as f64 / 60.0, 1, m)),
                ]
            })
            .collect();
        let headers = [
            say(m, "field-date", &[]),
            say(m, "print-session", &[]),
            say(m, "field-modality", &[]),
            say(m, "print-hours", &[]),
        ];
        pdf.table(&headers, &[0.15, 0.5, 0.23, 0.12], &rows, 10.0, 18.0);
        pdf.paragraph(&say(m, "print-certificate-total", &[("hours", number(minutes as f64 / 60.0, 1, m))]), 11.0);
        pdf.space(30.0);
        pdf.ensure(80.0);
        let y = pdf.y;
        pdf.text_at(MARGIN, y, 10.0, false, MUTED, &say(m, "print-certificate-place", &[]));
        pdf.text_at(MARGIN, y + 40.0, 10.0, true, INK, &say(m, "print-certificate-lead", &[]));
        pdf.text_at(
            MARGIN + CONTENT_WIDTH * 0.55,
            y + 40.0,
            10.0,
            true,
            INK,
            &say(m, "print-certificate-referent", &[]),
        );
        pdf.finish().map_err(CoreError::Pdf)
    }

    /// The mission report (bilan de mission): team, sessions, attendance,
    /// tests, competencies, validations, the debrief, with charts.
    pub fn mission_report_pdf(&self, mission: &str, m: &Messages) -> Result<Vec<u8>> {
        let mission = self.record(Kind::Mission, &self.resolve(Kind::Mission, mission)?)?;
        let scope = Scope { mission_id: Some(mission.id.clone()), ..Scope::default() };
        let report = self.indicators(&scope, None)?;
        let by_cadre = self.indicators(&scope, Some(Breakdown::Cadre))?;
        let title = say(m, "print-report-title", &[]);
        let mut pdf = PdfWriter::new(&title, &format!("Binôme — {}", text(&mission, "code")), lang_tag(m));
        pdf.heading(&format!("{title} — {}", text(&mission, "code")), 18.0);
        pdf.key_values(
            &[
                (say(m, "print-programme", &[]), self.programme_line(&mission)),
                (say(m, "print-mission", &[]), text(&mission, "title").to_owned()),
                (say(m, "print-host", &[]), reference(&mission, "host_org_id").to_owned()),
                (
                    say(m, "print-dates", &[]),
                    format!("{} → {}", text(&mission, "start_date"), text(&mission, "end_date")),
                ),
                (say(m, "field-status", &[]), m.value(text(&mission, "status"))),
            ],
            10.0,
        );
        self.report_team(&mut pdf, &mission, m)?;
        report_figures(&mut pdf, &report.total, m);
        let sessions = self.mission_session_rows(&mission.id)?;
        report_sessions(&mut pdf, &sessions, m);
        report_charts(&mut pdf, &report.total, &by_cadre, m);
        self.report_decisions(&mut pdf, &sessions, m)?;
        for field in ["debrief", "recommendations"] {
            pdf.heading(&say(m, &format!("field-{field}"), &[]), 13.0);
            let written = text(&mission, field);
            pdf.paragraph(&if written.is_empty() { "—".to_owned() } else { self.prose(m, written) }, 10.0);
        }
        pdf.finish().map_err(CoreError::Pdf)
    }

    /// The team, each with their role, then the mission's objectives.
    fn report_team(&self, pdf: &mut PdfWriter, mission: &RecordView, m: &Messages) -> Result<()> {
        let team_query = ListQuery { equals: vec![("mission_id", mission.id.clone())], ..ListQuery::default() };
        let team: Vec<String> = self
            .store
            .list(Kind::TeamMember, &team_query)?
            .iter()
            .map(|t| {
                let view = self.record_view(t);
                format!("{} ({})", reference(&view, "person_id"), m.value(text(&view, "team_role")))
            })
            .collect();
        pdf.heading(&say(m, "print-team", &[]), 13.0);
        pdf.paragraph(&if team.is_empty() { "—".to_owned() } else { team.join(", ") }, 10.0);
        if !text(mission, "objectives").is_empty() {
            pdf.heading(&say(m, "field-objectives", &[]), 13.0);
            pdf.paragraph(&self.prose(m, text(mission, "objectives")), 10.0);
        }
        Ok(())
    }

    /// The referents' decisions on the mission's sessions.
    fn report_decisions(&self, pdf: &mut PdfWriter, sessions: &[SessionRow], m: &Messages) -> Result<()> {
        let mut decisions = Vec::new();
        for r in sessions {
            let query = ListQuery { equals: vec![("session_id", r.session.id.clone())], ..ListQuery::default() };
            for review in self.store.list(Kind::Review, &query)? {
                let view = self.record_view(&review);
                decisions.push(vec![
                    Cell::text(text(&r.session, "title")),
                    Cell::text(m.value(text(&view, "decision"))),
                    Cell::text(reference(&view, "reviewer_id")),
                    Cell::text(text(&view, "comment")),
                ]);
            }
        }
        pdf.heading(&say(m, "print-validations", &[]), 13.0);
        if decisions.is_empty() {
            pdf.paragraph(&say(m, "print-no-validations", &[]), 10.0);
        } else {
            let headers = [
                say(m, "print-session", &[]),
                say(m, "field-decision", &[]),
                say(m, "field-reviewer_id", &[]),
                say(m, "field-comment", &[]),
            ];
            pdf.table(&headers, &[0.35, 0.15, 0.2, 0.3], &decisions, 8.5, 16.0);
        }
        Ok(())
    }

    fn mission_session_rows(&self, mission_id: &str) -> Result<Vec<SessionRow>> {
        let query = ListQuery { equals: vec![("mission_id", mission_id.to_owned())], ..ListQuery::default() };
        let mut sessions = self.store.list(Kind::Session, &query)?;
        sessions.sort_by_key(|s| {
            let field = |f: &str| s.data.get(f).and_then(Value::as_str).unwrap_or_default().to_owned();
            (field("date"), field("start_time"))
        });
        let mut rows = Vec::new();
        for session in sessions {
            let roster = self.roster(&session.id)?;
            let present = roster.rows.iter().filter(|r| r.status.is_some_and(AttendanceStatus::is_counted)).count();
            rows.push(SessionRow {
                status: self.session_status(&session.id)?,
                session: roster.session,
                present,
                expected: roster.rows.len(),
            });
        }
        Ok(rows)
    }
}

struct SessionRow {
    session: RecordView,
    present: usize,
    expected: usize,
    status: Option<ReviewStatus>,
}

/// The mission's indicators, as the dashboard names them.
fn report_figures(pdf: &mut PdfWriter, total: &Indicators, m: &Messages) {
    pdf.heading(&say(m, "print-figures", &[]), 13.0);
    let figures = [
        ("ind-sessions", total.sessions.map_or("—".into(), |v| v.to_string())),
        ("ind-persons_trained", total.persons_trained.to_string()),
        ("ind-training_hours", total.training_hours.map_or("—".into(), |v| number(v, 1, m))),
        ("ind-person_hours", number(total.person_hours, 1, m)),
        ("ind-person_days", number(total.person_days, 1, m)),
        ("ind-attendance_rate", percent(total.attendance_rate, m)),
        (
            "ind-pre_mean_percent",
            total.pre_mean_percent.map_or("—".into(), |v| format!("{}\u{202F}%", number(v, 1, m))),
        ),
        (
            "ind-post_mean_percent",
            total.post_mean_percent.map_or("—".into(), |v| format!("{}\u{202F}%", number(v, 1, m))),
        ),
        ("ind-gain_points", total.gain_points.map_or("—".into(), |v| number(v, 1, m))),
        ("ind-pass_rate", percent(total.pass_rate, m)),
        ("ind-competencies_acquired_rate", percent(total.competencies_acquired_rate, m)),
        ("ind-sessions_validated_rate", percent(total.sessions_validated_rate, m)),
    ];
    let pairs: Vec<(String, String)> = figures.iter().map(|(k, v)| (say(m, k, &[]), v.clone())).collect();
    pdf.key_values(&pairs, 10.0);
}

/// The sessions held, with their attendance.
fn report_sessions(pdf: &mut PdfWriter, sessions: &[SessionRow], m: &Messages) {
    pdf.heading(&say(m, "print-sessions", &[]), 13.0);
    let rows: Vec<Vec<Cell>> = sessions
        .iter()
        .map(|r| {
            vec![
                Cell::text(text(&r.session, "date")),
                Cell::text(text(&r.session, "title")),
                Cell::text(m.value(text(&r.session, "modality"))),
                Cell::number(text(&r.session, "duration")),
                Cell::number(format!("{}/{}", r.present, r.expected)),
                Cell::text(r.status.map(|s| m.value(s.code())).unwrap_or_default()),
            ]
        })
        .collect();
    let headers = [
        say(m, "field-date", &[]),
        say(m, "print-session", &[]),
        say(m, "field-modality", &[]),
        say(m, "field-duration", &[]),
        say(m, "print-present", &[]),
        say(m, "field-status", &[]),
    ];
    pdf.table(&headers, &[0.13, 0.37, 0.17, 0.09, 0.11, 0.13], &rows, 8.5, 16.0);
    let attendance_bars: Vec<(String, f64, String)> = sessions
        .iter()
        .map(|r| {
            let rate = if r.expected > 0 { r.present as f64 / r.expected as f64 } else { 0.0 };
            (format!("{} {}", text(&r.session, "date"), text(&r.session, "title")), rate, percent(Some(rate), m))
        })
        .collect();
    pdf.bar_chart(&say(m, "print-chart-attendance", &[]), &attendance_bars, 1.0);
}

/// Mean scores before and after, and persons trained by cadre.
fn report_charts(pdf: &mut PdfWriter, total: &Indicators, by_cadre: &IndicatorReport, m: &Messages) {
    if let (Some(pre), Some(post)) = (total.pre_mean_percent, total.post_mean_percent) {
        let bars = vec![
            (m.value("pre"), pre, format!("{}\u{202F}%", number(pre, 1, m))),
            (m.value("post"), post, format!("{}\u{202F}%", number(post, 1, m))),
        ];
        pdf.bar_chart(&say(m, "print-chart-tests", &[]), &bars, 100.0);
    }
    let cadre_bars: Vec<(String, f64, String)> = by_cadre
        .groups
        .iter()
        .map(|g| {
            let label = crate::exports::group_label(m, Breakdown::Cadre, &g.key, &g.label);
            (label, g.indicators.persons_trained as f64, g.indicators.persons_trained.to_string())
        })
        .collect();
    let most = cadre_bars.iter().map(|b| b.1).fold(0.0, f64::max);
    pdf.bar_chart(&say(m, "print-chart-cadres", &[]), &cadre_bars, most);
}
