//! The record kinds and their fields. One description per kind drives the
//! CLI's options, input parsing and validation, the spreadsheet templates
//! and (later) the desktop forms, so a field is declared once.

use crate::codes::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Kind {
    Programme,
    Organisation,
    Person,
    Mission,
    TeamMember,
    Enrolment,
    Session,
    Attendance,
    TestScore,
    Framework,
    Assessment,
    Review,
    PersonMerge,
    Profession,
    /// How a programme's lists write a value, once a person has said what
    /// it is ("SFDE" → a profession, "HME" → a facility, "Fém." → F).
    ValueChoice,
    /// A coordinator's erasure of a person (right to erasure): their
    /// personal fields are blanked on every laptop that learns of it.
    Erasure,
    /// A programme's pseudonym key, sealed to its coordinators' laptops:
    /// what keys the codes that stand for persons in shared exports.
    PseudonymKey,
}

/// A closed vocabulary, seen by a field.
#[derive(Debug, Clone, Copy)]
pub struct EnumSpec {
    pub codes: &'static [&'static str],
    pub spellings: &'static [(&'static str, &'static [&'static str])],
    pub parse: fn(&str) -> Option<&'static str>,
}

impl EnumSpec {
    /// The code whose spellings come closest to `raw`, when one is close
    /// enough to suggest ("SAGE FEME" → sage_femme); none for a guess.
    pub fn closest(&self, raw: &str) -> Option<&'static str> {
        let wanted = crate::codes::fold_code(raw);
        if wanted.chars().count() < 3 {
            return None;
        }
        self.spellings
            .iter()
            .flat_map(|(code, aliases)| std::iter::once(*code).chain(aliases.iter().copied()).map(move |s| (*code, s)))
            .map(|(code, spelling)| {
                (strsim::normalized_damerau_levenshtein(&wanted, &crate::codes::fold_code(spelling)), code)
            })
            .filter(|(score, _)| *score >= 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, code)| code)
    }
}

macro_rules! enum_spec {
    ($t:ty) => {
        EnumSpec { codes: <$t>::CODES, spellings: <$t>::SPELLINGS, parse: |raw| <$t>::parse(raw).map(|v| v.code()) }
    };
}

#[derive(Debug, Clone, Copy)]
pub enum FieldType {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Free text over several lines (objectives, debrief).
    LongText,
    /// A calendar date, typed dd/mm/yyyy (or ISO), stored yyyy-mm-dd.
    Date,
    /// A time of day, stored HH:MM.
    Time,
    /// A decimal number.
    Number,
    /// A duration typed as "2h30", "2,5" (hours) or "150min", stored in minutes.
    Duration,
    Enum(EnumSpec),
    /// The id of another record.
    Ref(Kind),
    /// Ids of several records (a session's trainers).
    RefList(Kind),
    /// Structured content given as JSON (a framework's tree, ratings).
    Json,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    pub default: Option<&'static str>,
    /// Part of the natural key: set at creation, never edited.
    pub key: bool,
}

const fn f(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { name, ty, required: false, default: None, key: false }
}
const fn req(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { name, ty, required: true, default: None, key: false }
}
const fn key(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { name, ty, required: true, default: None, key: true }
}
const fn def(name: &'static str, ty: FieldType, default: &'static str) -> FieldSpec {
    FieldSpec { name, ty, required: true, default: Some(default), key: false }
}

/// The most a long text may hold: a mission debrief of some fifteen pages.
pub const LONG_TEXT_MAX_CHARS: usize = 20_000;

/// The most a JSON field may hold, serialised: a framework of several
/// hundred criteria is a few tens of kilobytes.
pub const JSON_MAX_BYTES: usize = 256 * 1024;

impl FieldType {
    /// The longest text this field may hold, in characters (`None` when
    /// its type bounds it already, or for JSON, bounded in bytes).
    pub fn max_chars(self) -> Option<usize> {
        match self {
            FieldType::Text(max) => Some(max),
            FieldType::LongText => Some(LONG_TEXT_MAX_CHARS),
            _ => None,
        }
    }
}

/// The first field of `data` longer than the domain allows, with its
/// limit: what a local edit refuses, a bundle must not bring either.
pub fn oversized_field(kind: Kind, data: &crate::Row) -> Option<(&'static str, usize)> {
    kind.fields().iter().find_map(|spec| {
        let value = data.get(spec.name)?;
        match (spec.ty, value) {
            (FieldType::Json, value) if !value.is_null() => {
                let bytes = serde_json::to_string(value).map_or(usize::MAX, |text| text.len());
                (bytes > JSON_MAX_BYTES).then_some((spec.name, JSON_MAX_BYTES))
            }
            (ty, serde_json::Value::String(text)) => {
                let max = ty.max_chars()?;
                // Bytes bound characters from above: most texts need no count.
                (text.len() > max && text.chars().count() > max).then_some((spec.name, max))
            }
            _ => None,
        }
    })
}

const LINE: FieldType = FieldType::Text(200);
const SHORT: FieldType = FieldType::Text(40);

static PROGRAMME: &[FieldSpec] = &[
    req("code", SHORT),
    req("name", LINE),
    req("country", SHORT),
    f("funder", LINE),
    req("start_date", FieldType::Date),
    f("end_date", FieldType::Date),
    def("hours_per_day", FieldType::Number, "7"),
    def("pass_mark", FieldType::Number, "80"),
];

static ORGANISATION: &[FieldSpec] = &[
    req("name", LINE),
    req("kind", FieldType::Enum(enum_spec!(OrgKind))),
    req("level", FieldType::Enum(enum_spec!(FacilityLevel))),
    f("city", LINE),
    f("country", SHORT),
];

static PERSON: &[FieldSpec] = &[
    req("family_name", LINE),
    f("given_names", LINE),
    f("sex", FieldType::Enum(enum_spec!(Sex))),
    def("role", FieldType::Enum(enum_spec!(PersonRole)), "participant"),
    f("cadre", FieldType::Enum(enum_spec!(Cadre))),
    f("profession_id", FieldType::Ref(Kind::Profession)),
    f("organisation_id", FieldType::Ref(Kind::Organisation)),
    f("service", LINE),
    f("phone", SHORT),
    f("email", LINE),
];

static MISSION: &[FieldSpec] = &[
    req("programme_id", FieldType::Ref(Kind::Programme)),
    req("code", SHORT),
    req("title", LINE),
    f("partner_org_id", FieldType::Ref(Kind::Organisation)),
    req("host_org_id", FieldType::Ref(Kind::Organisation)),
    f("city", LINE),
    req("start_date", FieldType::Date),
    req("end_date", FieldType::Date),
    f("objectives", FieldType::LongText),
    def("status", FieldType::Enum(enum_spec!(MissionStatus)), "planned"),
    f("debrief", FieldType::LongText),
    f("recommendations", FieldType::LongText),
];

static TEAM_MEMBER: &[FieldSpec] = &[
    key("mission_id", FieldType::Ref(Kind::Mission)),
    key("person_id", FieldType::Ref(Kind::Person)),
    def("team_role", FieldType::Enum(enum_spec!(TeamRole)), "expert"),
];

static ENROLMENT: &[FieldSpec] =
    &[key("mission_id", FieldType::Ref(Kind::Mission)), key("person_id", FieldType::Ref(Kind::Person))];

static SESSION: &[FieldSpec] = &[
    req("mission_id", FieldType::Ref(Kind::Mission)),
    req("title", LINE),
    f("theme", LINE),
    req("modality", FieldType::Enum(enum_spec!(Modality))),
    req("date", FieldType::Date),
    f("start_time", FieldType::Time),
    req("duration", FieldType::Duration),
    f("trainer_ids", FieldType::RefList(Kind::Person)),
    def("status", FieldType::Enum(enum_spec!(SessionStatus)), "draft"),
    f("notes", FieldType::LongText),
];

static ATTENDANCE: &[FieldSpec] = &[
    key("session_id", FieldType::Ref(Kind::Session)),
    key("person_id", FieldType::Ref(Kind::Person)),
    def("status", FieldType::Enum(enum_spec!(AttendanceStatus)), "present"),
    f("note", LINE),
];

static TEST_SCORE: &[FieldSpec] = &[
    key("session_id", FieldType::Ref(Kind::Session)),
    key("person_id", FieldType::Ref(Kind::Person)),
    key("phase", FieldType::Enum(enum_spec!(Phase))),
    req("score", FieldType::Number),
    req("max_score", FieldType::Number),
];

static FRAMEWORK: &[FieldSpec] = &[
    req("code", SHORT),
    req("name", LINE),
    f("programme_id", FieldType::Ref(Kind::Programme)),
    f("kirkpatrick", FieldType::Enum(enum_spec!(Kirkpatrick))),
    req("scale", FieldType::Json),
    req("domains", FieldType::Json),
];

static ASSESSMENT: &[FieldSpec] = &[
    req("person_id", FieldType::Ref(Kind::Person)),
    req("framework_id", FieldType::Ref(Kind::Framework)),
    req("competency_id", SHORT),
    f("assessor_id", FieldType::Ref(Kind::Person)),
    req("date", FieldType::Date),
    def("context", FieldType::Enum(enum_spec!(AssessmentContext)), "training"),
    f("mission_id", FieldType::Ref(Kind::Mission)),
    f("session_id", FieldType::Ref(Kind::Session)),
    req("ratings", FieldType::Json),
    f("comment", FieldType::LongText),
];

static REVIEW: &[FieldSpec] = &[
    req("session_id", FieldType::Ref(Kind::Session)),
    f("reviewer_id", FieldType::Ref(Kind::Person)),
    req("decision", FieldType::Enum(enum_spec!(ReviewDecision))),
    f("comment", FieldType::LongText),
];

static PERSON_MERGE: &[FieldSpec] =
    &[req("kept_id", FieldType::Ref(Kind::Person)), req("merged_id", FieldType::Ref(Kind::Person)), f("reason", LINE)];

/// A title a programme's people use ("SFDE", "ATS", "matrone"), with the
/// common category it counts in.
static PROFESSION: &[FieldSpec] = &[
    key("programme_id", FieldType::Ref(Kind::Programme)),
    key("title", SHORT),
    req("category", FieldType::Enum(enum_spec!(HealthOccupation))),
];

/// A value of a programme's lists mapped once, for every laptop of the
/// programme: the next mission's list imports without the question.
static VALUE_CHOICE: &[FieldSpec] = &[
    key("programme_id", FieldType::Ref(Kind::Programme)),
    key("field", SHORT),
    key("value_key", LINE),
    req("value", LINE),
    req("mapped_to", LINE),
];

/// The right to erasure exercised: the person's names, phone, email and
/// service are blanked everywhere (`crate::erasure`); the record itself
/// carries nothing personal. One per person, whoever records it.
static ERASURE: &[FieldSpec] =
    &[key("person_id", FieldType::Ref(Kind::Person)), req("date", FieldType::Date), f("reference", SHORT)];

/// A programme's pseudonym key, sealed with age to the coordinators'
/// laptops that may open it (`sealed_for`: their device ids).
static PSEUDONYM_KEY: &[FieldSpec] = &[
    key("programme_id", FieldType::Ref(Kind::Programme)),
    req("sealed", FieldType::LongText),
    req("sealed_for", FieldType::Json),
];

impl Kind {
    /// Referenced kinds before the kinds that refer to them, but for
    /// erasures: before persons, so that a bundle's erasure is applied
    /// before its versions of the person (a blanked version of a laptop
    /// that already holds the named one would otherwise be a forgery).
    pub const ALL: &'static [Kind] = &[
        Kind::Programme,
        Kind::Profession,
        Kind::Organisation,
        Kind::Erasure,
        Kind::Person,
        Kind::Mission,
        Kind::TeamMember,
        Kind::Enrolment,
        Kind::Session,
        Kind::Attendance,
        Kind::TestScore,
        Kind::Framework,
        Kind::Assessment,
        Kind::Review,
        Kind::PersonMerge,
        Kind::ValueChoice,
        Kind::PseudonymKey,
    ];

    /// The table name, also the kind's name in bundles and catalogue keys.
    pub fn table(self) -> &'static str {
        match self {
            Kind::Programme => "programmes",
            Kind::Organisation => "organisations",
            Kind::Person => "persons",
            Kind::Mission => "missions",
            Kind::TeamMember => "team_members",
            Kind::Enrolment => "enrolments",
            Kind::Session => "sessions",
            Kind::Attendance => "attendance",
            Kind::TestScore => "test_scores",
            Kind::Framework => "frameworks",
            Kind::Assessment => "assessments",
            Kind::Review => "reviews",
            Kind::PersonMerge => "person_merges",
            Kind::Profession => "professions",
            Kind::ValueChoice => "value_choices",
            Kind::Erasure => "erasures",
            Kind::PseudonymKey => "pseudonym_keys",
        }
    }

    /// The singular name used on the command line and in catalogue keys.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Programme => "programme",
            Kind::Organisation => "organisation",
            Kind::Person => "person",
            Kind::Mission => "mission",
            Kind::TeamMember => "team-member",
            Kind::Enrolment => "enrolment",
            Kind::Session => "session",
            Kind::Attendance => "attendance",
            Kind::TestScore => "score",
            Kind::Framework => "framework",
            Kind::Assessment => "assessment",
            Kind::Review => "review",
            Kind::PersonMerge => "person-merge",
            Kind::Profession => "profession",
            Kind::ValueChoice => "value-choice",
            Kind::Erasure => "erasure",
            Kind::PseudonymKey => "pseudonym-key",
        }
    }

    pub fn from_table(table: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.table() == table)
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::Programme => PROGRAMME,
            Kind::Organisation => ORGANISATION,
            Kind::Person => PERSON,
            Kind::Mission => MISSION,
            Kind::TeamMember => TEAM_MEMBER,
            Kind::Enrolment => ENROLMENT,
            Kind::Session => SESSION,
            Kind::Attendance => ATTENDANCE,
            Kind::TestScore => TEST_SCORE,
            Kind::Framework => FRAMEWORK,
            Kind::Assessment => ASSESSMENT,
            Kind::Review => REVIEW,
            Kind::PersonMerge => PERSON_MERGE,
            Kind::Profession => PROFESSION,
            Kind::ValueChoice => VALUE_CHOICE,
            Kind::Erasure => ERASURE,
            Kind::PseudonymKey => PSEUDONYM_KEY,
        }
    }

    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }

    /// Whether the id derives from the key fields (see [`crate::ids`]).
    pub fn has_natural_key(self) -> bool {
        self.fields().iter().any(|f| f.key)
    }

    /// Records that are only ever added, never edited: a later decision is a
    /// new row, so a referent's review cannot collide with the expert's edit.
    pub fn is_append_only(self) -> bool {
        matches!(self, Kind::Review | Kind::PersonMerge | Kind::Erasure)
    }

    /// A short text that identifies a record to a person (a code, a name).
    pub fn label_fields(self) -> &'static [&'static str] {
        match self {
            Kind::Programme | Kind::Mission | Kind::Framework => &["code"],
            Kind::Organisation => &["name"],
            Kind::Profession => &["title"],
            Kind::Person => &["family_name", "given_names"],
            Kind::Session => &["date", "title"],
            _ => &[],
        }
    }
}
