//! The column headings people write for each field in their own lists, kept
//! beside the field list so that every sheet (and every front end) reads
//! them the same way. Headings are compared folded ([`fold_heading`]):
//! `Prénom(s)`, `PRENOMS` and `prénoms :` are one heading.

use crate::names::strip_accents;

/// A heading reduced to its words: no accents, case, punctuation, plural
/// marks ("(s)", "(e)", a final s or x), or filler words.
pub fn fold_heading(raw: &str) -> String {
    let lowered = strip_accents(raw).to_lowercase().replace("(s)", "").replace("(e)", "").replace("(es)", "");
    let spaced: String = lowered.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced
        .split_whitespace()
        .filter(|w| {
            !matches!(*w, "de" | "du" | "des" | "la" | "le" | "les" | "l" | "d" | "of" | "the" | "en" | "et" | "and")
        })
        .map(|w| if w.chars().count() > 3 && (w.ends_with('s') || w.ends_with('x')) { &w[..w.len() - 1] } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Headings for `column` besides its French and English labels. Columns
/// are field names, plus `pre_score` / `post_score` on a scores sheet.
pub fn column_headings(column: &str) -> &'static [&'static str] {
    match column {
        "family_name" => &["nom", "nom de famille", "surname", "last name", "family name", "name"],
        "given_names" => &["prénom", "prénoms", "prénom(s)", "first name", "given name", "given names", "other names"],
        "sex" => &["sexe", "genre", "h/f", "f/h", "m/f", "s", "gender", "sex"],
        "cadre" => &[
            "profession",
            "fonction",
            "qualification",
            "catégorie",
            "catégorie professionnelle",
            "profil",
            "grade",
            "titre",
            "poste",
            "cadre",
            "emploi",
            "job title",
        ],
        "organisation_id" => &[
            "structure",
            "structure sanitaire",
            "établissement",
            "formation sanitaire",
            "fosa",
            "hôpital",
            "lieu de travail",
            "centre de santé",
            "facility",
            "health facility",
            "workplace",
        ],
        "service" => &["service", "unité", "département", "ward", "unit"],
        // A list with room for two numbers heads them "Téléphone 1" and
        // "Téléphone 2": the first is the person's number, the second is
        // shown as a column not imported.
        "phone" => &[
            "téléphone",
            "tél",
            "tel",
            "contact",
            "numéro de téléphone",
            "mobile",
            "portable",
            "cellulaire",
            "phone",
            "téléphone 1",
            "tél 1",
            "tel 1",
            "contact 1",
            "mobile 1",
            "téléphone principal",
            "contact téléphonique",
        ],
        "email" => {
            &["e-mail", "mail", "email", "courriel", "adresse e-mail", "adresse électronique", "e-mail 1", "email 1"]
        }
        "status" => &["présence", "statut", "émargement", "présent", "attendance"],
        "note" => &["observation", "observations", "remarque", "commentaire", "note", "comment"],
        "pre_score" => &["pré-test", "pre-test", "pretest", "note pré-test", "pré test", "pre"],
        "post_score" => &["post-test", "posttest", "note post-test", "post test", "post"],
        "max_score" => &["note maximale", "sur", "barème", "max", "maximum", "note sur", "total"],
        "title" => &["séance", "titre", "intitulé", "intitulé de la séance", "thème abordé", "session"],
        "theme" => &["thème", "module", "topic"],
        "modality" => &["type", "modalité", "modalité pédagogique", "méthode", "format"],
        "date" => &["date", "jour", "date de la séance"],
        "start_time" => &["heure", "heure de début", "début", "start"],
        "duration" => &["durée", "durée (h)", "durée en heures", "heures", "nombre d'heures", "hours"],
        "session_id" => &["séance", "id séance", "session"],
        "mission_id" => &["mission", "code mission"],
        "code" => &["code du référentiel", "référentiel"],
        "name" => &["nom du référentiel", "intitulé du référentiel"],
        "domain" => &["domaine de compétence", "domaine", "module"],
        "competency_code" => &["code compétence", "code de la compétence"],
        "competency" => &["intitulé de la compétence", "compétence"],
        "criterion" => &["critère d'évaluation", "critère", "item"],
        "critical" => &["critère critique", "essentiel", "obligatoire"],
        "levels" => &["échelle", "niveaux de l'échelle"],
        "pass_level" => &["niveau de réussite", "seuil"],
        _ => &[],
    }
}

/// One column holding the whole name, family name first ("NOM Prénom").
pub const FULL_NAME_HEADINGS: &[&str] = &[
    "nom et prénom",
    "nom et prénoms",
    "nom & prénoms",
    "nom prénom",
    "noms et prénoms",
    "nom complet",
    "nom et prénom(s)",
    "nom du participant",
    "participant",
    "full name",
];

/// A numbering column: read, never imported, said so.
pub const NUMBERING_HEADINGS: &[&str] = &["n°", "no", "n", "num", "numéro", "#", "ordre", "n° d'ordre"];

/// Splits a full name written the francophone way: the family name in
/// capitals first ("ABAKAR MAHAMAT Hissène" → "ABAKAR MAHAMAT", "Hissène");
/// with no word in capitals, or only capitals, the first word is the
/// family name.
pub fn split_full_name(full: &str) -> (String, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    let is_capitals = |w: &&&str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let leading = words.iter().take_while(is_capitals).count();
    let family_words = if leading == 0 || leading == words.len() { 1.min(words.len()) } else { leading };
    (words[..family_words].join(" "), words[family_words..].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_meet_across_punctuation_plurals_accents_and_case() {
        for written in ["Prénom(s)", "PRENOMS", "prénoms :", "Prénom"] {
            assert_eq!(fold_heading(written), "prenom", "{written}");
        }
        assert_eq!(fold_heading("Nom & Prénoms"), fold_heading("nom et prénom"));
        assert_eq!(fold_heading("Date de naissance"), "date naissance");
        assert_eq!(fold_heading("N°"), "n");
    }

    #[test]
    fn a_full_name_splits_after_the_words_in_capitals() {
        assert_eq!(split_full_name("MAHAMAT Zénaba"), ("MAHAMAT".into(), "Zénaba".into()));
        assert_eq!(split_full_name("ABAKAR MAHAMAT Hissène"), ("ABAKAR MAHAMAT".into(), "Hissène".into()));
        assert_eq!(split_full_name("N'GARMBAYE Françoise Noël"), ("N'GARMBAYE".into(), "Françoise Noël".into()));
        assert_eq!(split_full_name("DJIMADOUM ACHTA"), ("DJIMADOUM".into(), "ACHTA".into()));
        assert_eq!(split_full_name("Mahamat Zénaba"), ("Mahamat".into(), "Zénaba".into()));
        assert_eq!(split_full_name("MAHAMAT"), ("MAHAMAT".into(), String::new()));
    }
}
