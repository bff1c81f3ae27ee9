//! Sentences for people, from the shared Fluent catalogue in
//! `assets/i18n/<lang>/binome.ftl`. French is the reference language; the
//! desktop app reads the same files with `@fluent/bundle`, so a message is
//! written once for every front end.

use binome_domain::{Kind, Problem, ProblemCode};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub const FRENCH_CATALOGUE: &str = include_str!("../../../assets/i18n/fr/binome.ftl");
pub const ENGLISH_CATALOGUE: &str = include_str!("../../../assets/i18n/en/binome.ftl");

/// The catalogues' languages; the app sends its choice as `fr` or `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// `--lang` if given, else the first of LC_ALL, LC_MESSAGES, LANG that
    /// says English; French otherwise.
    pub fn detect(explicit: Option<&str>) -> Lang {
        if let Some(code) = explicit {
            return Lang::parse(code);
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if !value.is_empty() {
                    return Lang::parse(&value);
                }
            }
        }
        Lang::Fr
    }

    pub fn parse(code: &str) -> Lang {
        if code.to_lowercase().starts_with("en") { Lang::En } else { Lang::Fr }
    }
}

/// Arguments that select plural forms ("one" / "other"); others stay text,
/// so a value such as "007" is shown as typed.
const PLURAL_ARGS: &[&str] = &["count", "rows", "created", "updated", "versions"];

pub struct Messages {
    bundle: FluentBundle<FluentResource>,
    pub lang: Lang,
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        let (tag, source) = match lang {
            Lang::Fr => ("fr-FR", FRENCH_CATALOGUE),
            Lang::En => ("en-GB", ENGLISH_CATALOGUE),
        };
        let langid: LanguageIdentifier = tag.parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new(vec![langid]);
        // Terminal output: no Unicode isolation marks around arguments.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source.to_owned()).expect("the shipped catalogue parses (tested)");
        bundle.add_resource(resource).expect("no duplicate keys in the shipped catalogue (tested)");
        Messages { bundle, lang }
    }

    /// The message `key` with `args`; the key itself if it is missing, so a
    /// gap shows instead of hiding.
    pub fn text(&self, key: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value.parse::<i64>() {
                // Numbers select plural forms ("one" / "other").
                Ok(n) if PLURAL_ARGS.contains(name) => fluent_args.set(*name, FluentValue::from(n)),
                _ => fluent_args.set(*name, FluentValue::from(value.clone())),
            }
        }
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
    }

    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    pub fn kind(&self, kind: Kind) -> String {
        self.text(&format!("kind-{}", kind.name()), &[])
    }

    pub fn field(&self, name: &str) -> String {
        self.text(&format!("field-{name}"), &[])
    }

    /// A code's label ("sage_femme" → "Sage-femme"), or the code itself.
    pub fn value(&self, code: &str) -> String {
        let key = format!("value-{code}");
        if self.has(&key) { self.text(&key, &[]) } else { code.to_owned() }
    }

    /// The sentence for one field problem.
    pub fn problem(&self, problem: &Problem) -> String {
        let mut args: Vec<(&str, String)> = vec![
            ("field", self.field(&problem.field)),
            ("value", problem.value.clone()),
            ("allowed", "none".into()),
            ("max", "none".into()),
            ("min", String::new()),
            ("start", String::new()),
            ("end", String::new()),
            ("target", String::new()),
            ("suggestion", "none".into()),
            ("country", "none".into()),
            ("code", String::new()),
        ];
        for (name, value) in &problem.params {
            let shown = match name.as_str() {
                "target" => self.text(&format!("kind-{value}"), &[]),
                "start" | "end" => french_date(value, self.lang),
                // Codes are for machines: a person reads their labels.
                "allowed" => value.split(", ").map(|code| self.value(code)).collect::<Vec<_>>().join(", "),
                "suggestion" => self.value(value),
                _ => value.clone(),
            };
            if let Some(slot) = args.iter_mut().find(|(n, _)| *n == name.as_str()) {
                slot.1 = shown;
            }
        }
        if matches!(problem.code, ProblemCode::EndBeforeStart | ProblemCode::SessionOutsideMission) {
            args[1].1 = french_date(&problem.value, self.lang);
        }
        self.text(&format!("problem-{}", problem.code.as_str()), &args)
    }
}

/// yyyy-mm-dd → dd/mm/yyyy in both languages (the field's habit).
pub fn french_date(iso: &str, _lang: Lang) -> String {
    match binome_domain::input::parse_date(iso) {
        Some(d) => d.format("%d/%m/%Y").to_string(),
        None => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use binome_domain::codes;
    use std::collections::BTreeSet;

    fn keys(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("catalogue parses");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let fr = keys(FRENCH_CATALOGUE);
        let en = keys(ENGLISH_CATALOGUE);
        assert_eq!(fr.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in English");
        assert_eq!(en.difference(&fr).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in French");
    }

    #[test]
    fn every_code_the_domain_can_return_has_a_sentence() {
        for lang in [Lang::Fr, Lang::En] {
            let m = Messages::new(lang);
            for code in ProblemCode::ALL {
                assert!(m.has(&format!("problem-{}", code.as_str())), "problem-{} ({lang:?})", code.as_str());
            }
            for kind in Kind::ALL {
                assert!(m.has(&format!("kind-{}", kind.name())), "kind-{} ({lang:?})", kind.name());
                for field in kind.fields() {
                    assert!(m.has(&format!("field-{}", field.name)), "field-{} ({lang:?})", field.name);
                }
            }
            let all_codes = [
                codes::Sex::CODES,
                codes::Cadre::CODES,
                codes::HealthOccupation::CODES,
                codes::PersonRole::CODES,
                codes::OrgKind::CODES,
                codes::FacilityLevel::CODES,
                codes::MissionStatus::CODES,
                codes::TeamRole::CODES,
                codes::Modality::CODES,
                codes::ReviewStatus::CODES,
                codes::AttendanceStatus::CODES,
                codes::Phase::CODES,
                codes::AssessmentContext::CODES,
                codes::Kirkpatrick::CODES,
            ];
            for code in all_codes.iter().flat_map(|c| c.iter()) {
                assert!(m.has(&format!("value-{code}")), "value-{code} ({lang:?})");
            }
        }
    }

    #[test]
    fn french_plurals_put_one_with_one() {
        let fr = Messages::new(Lang::Fr);
        let one = [("rows", "1".to_string()), ("created", "1".to_string()), ("updated", "0".to_string())];
        assert_eq!(fr.text("import-summary", &one), "1 ligne lue : 1 création, 0 mise à jour.");
        let many = [("rows", "12".to_string()), ("created", "10".to_string()), ("updated", "2".to_string())];
        assert_eq!(fr.text("import-summary", &many), "12 lignes lues : 10 créations, 2 mises à jour.");
    }

    #[test]
    fn a_problem_reads_as_a_sentence_naming_field_and_value() {
        let p = Problem::new("score", ProblemCode::ScoreAboveMaximum, "25").with("max", "20");
        assert_eq!(Messages::new(Lang::Fr).problem(&p), "Note : 25 dépasse la note maximale (20).");
        assert_eq!(Messages::new(Lang::En).problem(&p), "Score: 25 is above the maximum score (20).");
        let p = Problem::new("cadre", ProblemCode::UnknownValue, "astronaute");
        assert_eq!(Messages::new(Lang::Fr).problem(&p), "Profession : « astronaute » n'est pas reconnu.");
    }

    #[test]
    fn an_unknown_value_lists_labels_and_suggests_the_closest() {
        let p = binome_domain::parse_input(
            Kind::Person,
            &[
                ("family_name".to_string(), "X".to_string()),
                ("cadre".into(), "SAGE FEME".into()),
                ("sex".into(), "Q".into()),
            ]
            .into_iter()
            .collect(),
            None,
        )
        .unwrap_err();
        let fr = Messages::new(Lang::Fr);
        let sentences: Vec<String> = p.0.iter().map(|p| fr.problem(p)).collect();
        assert!(
            sentences.contains(&"Sexe : « Q » n'est pas reconnu ; attendu : Femme, Homme.".to_string()),
            "{sentences:?}"
        );
        let cadre = p.0.iter().find(|p| p.field == "cadre").unwrap();
        assert_eq!(
            cadre.params.iter().find(|(k, _)| k.as_str() == "suggestion").map(|(_, v)| v.as_str()),
            Some("sage_femme")
        );
        assert!(fr.problem(cadre).ends_with("Sage-femme ?"), "{}", fr.problem(cadre));
    }
}
