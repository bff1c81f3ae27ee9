//! A referent's review of sessions: the queue of sessions waiting for a
//! decision, a session's decisions so far, validating or returning one, and
//! the expert's side (submitting, resubmitting what came back).

use super::{RecordView, stored_code, text};
use crate::app::Binome;
use crate::error::Result;
use binome_domain::Kind;
use binome_domain::codes::{AttendanceStatus, ReviewDecision, ReviewStatus};
use binome_domain::version::Hlc;
use binome_store::{ListQuery, StoredRow};
use serde::Serialize;

#[cfg(feature = "ts")]
use ts_rs::TS;

/// One decision of a referent on a session.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ReviewView {
    pub id: String,
    pub decision: ReviewDecision,
    pub comment: Option<String>,
    /// The reviewer named on the review, else who made it.
    pub reviewer: String,
    /// When it was decided, ISO 8601 UTC, for the screen to show locally.
    pub at: String,
    /// Made after the session's last change, so the session shows it.
    pub current: bool,
}

/// A session as the review screens list it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ReviewQueueRow {
    pub session: RecordView,
    /// What the session shows.
    pub status: ReviewStatus,
    /// Participants marked present, late or leaving early.
    pub attended: u32,
    pub marked: u32,
    pub scored: u32,
    pub last_review: Option<ReviewView>,
}

/// A page of the review screen, with the count of all that matched.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ReviewPage {
    pub rows: Vec<ReviewQueueRow>,
    pub total: u32,
}

/// A session's review state, for the panel on the session screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct SessionReview {
    /// None for a session whose status is not known yet.
    pub status: Option<ReviewStatus>,
    /// Newest first.
    pub reviews: Vec<ReviewView>,
    /// Whether this laptop's role may decide (a referent's or coordinator's).
    pub may_review: bool,
    /// Whether this laptop's role may submit the session (an expert's or coordinator's).
    pub may_submit: bool,
}

fn iso_time(hlc: i64) -> String {
    chrono::DateTime::from_timestamp_millis(Hlc(hlc).millis())
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

impl Binome {
    fn may_write(&self, kind: Kind) -> bool {
        self.device().is_ok_and(|d| d.role.may_write(kind, &Default::default()))
    }

    fn reviews_of(&self, session: &StoredRow) -> Result<Vec<ReviewView>> {
        let query = ListQuery { equals: vec![("session_id", session.id.clone())], ..ListQuery::default() };
        let mut reviews = self.store.list(Kind::Review, &query)?;
        reviews.sort_by(|a, b| b.hlc.cmp(&a.hlc).then_with(|| b.id.cmp(&a.id)));
        reviews
            .iter()
            .map(|r| {
                Ok(ReviewView {
                    id: r.id.clone(),
                    decision: stored_code(r, "decision", ReviewDecision::from_code)?,
                    comment: text(r, "comment").map(str::to_owned),
                    reviewer: text(r, "reviewer_id")
                        .map(|p| self.person_label(p))
                        .or_else(|| r.author.clone())
                        .unwrap_or_default(),
                    at: iso_time(r.hlc),
                    current: r.hlc > session.hlc,
                })
            })
            .collect()
    }

    /// A page of sessions by date, optionally of one mission and with one
    /// status (`submitted` is the referent's queue, `returned` the expert's
    /// list to fix). The status filter runs in SQL, so a coordinator's
    /// country-scale store answers a page at once.
    pub fn review_queue(
        &self,
        mission_id: Option<&str>,
        status: Option<ReviewStatus>,
        offset: u32,
        limit: u32,
    ) -> Result<ReviewPage> {
        let mission = match mission_id.filter(|m| !m.is_empty()) {
            Some(mission) => Some(self.resolve(Kind::Mission, mission)?),
            None => None,
        };
        let (page, total) =
            self.store.sessions_by_status(mission.as_deref(), status, offset as usize, limit.max(1) as usize)?;
        let mut rows = Vec::new();
        for (session_id, shown) in page {
            let Some(session) = self.store.get(Kind::Session, &session_id)? else { continue };
            let on_session = ListQuery { equals: vec![("session_id", session.id.clone())], ..ListQuery::default() };
            let marks = self.store.list(Kind::Attendance, &on_session)?;
            let attended = marks
                .iter()
                .filter(|m| {
                    text(m, "status").and_then(AttendanceStatus::from_code).is_some_and(AttendanceStatus::is_counted)
                })
                .count();
            let scored = self.store.list(Kind::TestScore, &on_session)?.len();
            rows.push(ReviewQueueRow {
                last_review: self.reviews_of(&session)?.into_iter().next(),
                session: self.record_view(&session),
                status: shown,
                attended: attended as u32,
                marked: marks.len() as u32,
                scored: scored as u32,
            });
        }
        Ok(ReviewPage { rows, total: total as u32 })
    }

    pub fn session_review(&self, session_id: &str) -> Result<SessionReview> {
        let session = self.get(Kind::Session, session_id)?;
        Ok(SessionReview {
            status: self.session_status(&session.id)?,
            reviews: self.reviews_of(&session)?,
            may_review: self.may_write(Kind::Review),
            may_submit: self.may_write(Kind::Session),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::app::Binome;
    use binome_domain::Input;
    use binome_domain::Kind;
    use binome_domain::codes::{ReviewDecision, ReviewStatus};
    use binome_store::DeviceRole;

    fn input(pairs: &[(&str, &str)]) -> Input {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn coordinator_with_session() -> (Binome, String) {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();
        let programme = b
            .add(
                Kind::Programme,
                &input(&[("code", "P"), ("name", "Prog"), ("country", "TD"), ("start_date", "01/01/2026")]),
            )
            .unwrap();
        let org =
            b.add(Kind::Organisation, &input(&[("name", "HGR"), ("kind", "host"), ("level", "regional")])).unwrap();
        let mission = b
            .add(
                Kind::Mission,
                &input(&[
                    ("programme_id", &programme.id),
                    ("code", "M1"),
                    ("title", "Mission"),
                    ("host_org_id", &org.id),
                    ("start_date", "01/03/2026"),
                    ("end_date", "10/03/2026"),
                ]),
            )
            .unwrap();
        let session = b
            .add(
                Kind::Session,
                &input(&[
                    ("mission_id", &mission.id),
                    ("title", "Hémorragie"),
                    ("modality", "workshop"),
                    ("date", "02/03/2026"),
                    ("duration", "2h"),
                ]),
            )
            .unwrap();
        (b, session.id)
    }

    fn decision(session: &str, decision: ReviewDecision, comment: &str) -> crate::SessionDecision {
        crate::SessionDecision { session_id: session.to_owned(), decision, comment: comment.to_owned() }
    }

    #[test]
    fn a_submitted_session_waits_in_the_queue_until_decided() {
        let (mut b, session) = coordinator_with_session();
        assert!(
            b.review_queue(None, Some(ReviewStatus::Submitted), 0, 50).unwrap().rows.is_empty(),
            "a draft is not for review"
        );
        assert!(
            b.review_session(&decision(&session, ReviewDecision::Validated, "")).is_err(),
            "a draft cannot be validated"
        );

        b.submit_session(&session).unwrap();
        let queue = b.review_queue(None, Some(ReviewStatus::Submitted), 0, 50).unwrap().rows;
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].session.id, session);

        let review = b.review_session(&decision(&session, ReviewDecision::Validated, "Bien")).unwrap();
        assert_eq!(review.status, Some(ReviewStatus::Validated));
        assert_eq!(review.reviews[0].comment.as_deref(), Some("Bien"));
        assert!(review.reviews[0].current);
        assert!(b.review_queue(None, Some(ReviewStatus::Submitted), 0, 50).unwrap().rows.is_empty());
        assert_eq!(b.review_queue(None, Some(ReviewStatus::Validated), 0, 50).unwrap().total, 1);
    }

    #[test]
    fn returning_needs_a_comment_and_resubmitting_clears_the_return() {
        let (mut b, session) = coordinator_with_session();
        b.submit_session(&session).unwrap();
        let refused = b.review_session(&decision(&session, ReviewDecision::Returned, "  ")).unwrap_err();
        assert!(matches!(refused, crate::CoreError::Invalid { ref problems, .. } if problems.0[0].field == "comment"));
        assert_eq!(b.session_review(&session).unwrap().reviews.len(), 0, "nothing written");

        b.review_session(&decision(&session, ReviewDecision::Returned, "Feuille d'émargement manquante")).unwrap();
        let returned = b.review_queue(None, Some(ReviewStatus::Returned), 0, 50).unwrap().rows;
        assert_eq!(
            returned[0].last_review.as_ref().unwrap().comment.as_deref(),
            Some("Feuille d'émargement manquante")
        );

        let again = b.submit_session(&session).unwrap();
        assert_eq!(again.status, Some(ReviewStatus::Submitted));
        assert!(!again.reviews[0].current, "the return came before the fix");
        assert!(b.review_queue(None, Some(ReviewStatus::Returned), 0, 50).unwrap().rows.is_empty());
    }
}

#[cfg(test)]
mod paging {
    use crate::app::Binome;
    use crate::demo::DemoScale;
    use binome_domain::codes::ReviewStatus;
    use binome_store::DeviceRole;

    #[test]
    fn the_queue_comes_a_page_at_a_time_with_the_count_of_all() {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();
        b.load_demo(3, DemoScale::Mission).unwrap();
        let all = b.review_queue(None, None, 0, 1000).unwrap();
        assert_eq!(all.total as usize, all.rows.len());
        let first = b.review_queue(None, None, 0, 5).unwrap();
        let second = b.review_queue(None, None, 5, 5).unwrap();
        assert_eq!((first.rows.len(), first.total), (5, all.total));
        let ids = |p: &super::ReviewPage| p.rows.iter().map(|r| r.session.id.clone()).collect::<Vec<_>>();
        assert_eq!([ids(&first), ids(&second)].concat(), ids(&all)[..10].to_vec(), "pages follow each other");
        let dates: Vec<String> = all.rows.iter().map(|r| r.session.text["date"].clone()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by_key(|d| binome_domain::input::parse_date(d));
        assert_eq!(dates, sorted, "by date");
        for status in ReviewStatus::ALL.iter().copied() {
            let page = b.review_queue(None, Some(status), 0, 1000).unwrap();
            assert!(page.rows.iter().all(|r| r.status == status));
            assert_eq!(page.total as usize, all.rows.iter().filter(|r| r.status == status).count());
        }
    }
}
