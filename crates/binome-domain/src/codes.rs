//! The closed vocabularies of the domain. Each value has a stable code
//! (stored, synced, used as catalogue key suffix) and the spellings that
//! French and English spreadsheets use for it, so an import reads
//! "Sage-femme", "SF" or "midwife" as the same cadre.

use serde::{Deserialize, Serialize};

/// Folds a user-typed value for comparison with codes and aliases:
/// lower case, accents removed, separators unified.
pub fn fold_code(raw: &str) -> String {
    let folded = crate::names::strip_accents(raw.trim()).to_lowercase();
    folded.chars().map(|c| if c == '-' || c == ' ' || c == '\'' { '_' } else { c }).collect()
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal [$($alias:literal),*]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const CODES: &'static [&'static str] = &[$($code),+];
            /// Each code with the spellings it is read from.
            pub const SPELLINGS: &'static [(&'static str, &'static [&'static str])] = &[$(($code, &[$($alias),*])),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a stored code exactly (what the store holds was
            /// checked when written; spellings are for what people type).
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Reads a code or one of its usual spellings.
            pub fn parse(raw: &str) -> Option<Self> {
                let folded = fold_code(raw);
                $(
                    if folded == $code || [$($alias),*].iter().any(|a: &&str| fold_code(a) == folded) {
                        return Some($name::$variant);
                    }
                )+
                None
            }
        }
    };
}

code_enum!(Sex {
    Female = "female" ["f", "femme", "feminin", "féminin", "woman", "w"],
    Male = "male" ["m", "h", "homme", "masculin", "man"],
});

code_enum!(
    /// The professions every programme knows, as ministries count them;
    /// the titles a country uses besides ("SFDE", "ATS") are the
    /// programme's own professions (`Kind::Profession`).
    Cadre {
        Midwife = "sage_femme" ["sage-femme", "sf", "midwife", "sage femme", "sages-femmes"],
        Nurse = "infirmier" ["infirmière", "infirmier·e", "infirmier(e)", "nurse", "inf"],
        Doctor = "medecin" ["médecin", "doctor", "dr", "physician", "médecin généraliste"],
        Specialist = "medecin_specialiste" ["médecin spécialiste", "specialist", "gynécologue", "pédiatre", "chirurgien"],
        BiomedicalTechnician = "technicien_biomedical" ["technicien biomédical", "biomedical technician", "tech bio", "ingénieur biomédical"],
        NursingAssistant = "aide_soignant" ["aide-soignant", "aide-soignante", "aide soignant(e)", "as", "nursing assistant"],
        LabTechnician = "technicien_laboratoire" ["technicien de laboratoire", "laborantin", "lab technician"],
        Pharmacist = "pharmacien" ["pharmacienne", "pharmacist"],
        Anaesthetist = "anesthesiste" ["anesthésiste", "infirmier anesthésiste", "anaesthetist", "ianesthésiste"],
        CommunityHealthWorker = "agent_sante_communautaire" ["agent de santé communautaire", "asc", "relais communautaire", "community health worker", "chw"],
        Manager = "gestionnaire" ["administratif", "directeur", "manager", "administrator", "surveillant"],
        Teacher = "enseignant" ["formateur", "teacher", "professeur"],
        Student = "etudiant" ["étudiant", "étudiante", "élève", "student"],
        Other = "autre" ["other"],
    }
);

impl Cadre {
    /// The common category of today's list, so that a person recorded
    /// before programmes had their own titles still counts by category
    /// (DOMAIN.md's cadres, read as ISCO-08 health occupations). A student
    /// or an unlisted job is not a health occupation of its own.
    pub fn occupation(self) -> HealthOccupation {
        match self {
            Cadre::Midwife => HealthOccupation::MidwiferyProfessional,
            Cadre::Nurse | Cadre::Anaesthetist => HealthOccupation::NursingProfessional,
            Cadre::Doctor => HealthOccupation::GeneralistMedicalPractitioner,
            Cadre::Specialist => HealthOccupation::SpecialistMedicalPractitioner,
            Cadre::BiomedicalTechnician => HealthOccupation::MedicalEquipmentTechnician,
            Cadre::NursingAssistant => HealthOccupation::HealthCareAssistant,
            Cadre::LabTechnician => HealthOccupation::LaboratoryTechnician,
            Cadre::Pharmacist => HealthOccupation::Pharmacist,
            Cadre::CommunityHealthWorker => HealthOccupation::CommunityHealthWorker,
            Cadre::Manager => HealthOccupation::HealthServicesManager,
            Cadre::Teacher => HealthOccupation::VocationalTeacher,
            Cadre::Student | Cadre::Other => HealthOccupation::Other,
        }
    }
}

code_enum!(
    /// The common layer under every programme's own professions: the
    /// health occupations of ISCO-08 (the ILO's classification, which WHO's
    /// health workforce accounts use), coded by their unit group, so that
    /// indicators add up across programmes and countries. The spellings
    /// are the local titles whose category is not in doubt ("SFDE" is a
    /// midwife, "ATS" a nursing associate), used to propose a category
    /// when a list brings a title the programme does not know yet.
    HealthOccupation {
        HealthServicesManager = "1342" ["directeur d'hôpital", "médecin chef", "gestionnaire", "administrateur", "surveillant", "surveillante", "health services manager"],
        GeneralistMedicalPractitioner = "2211" ["médecin", "médecin généraliste", "medecin", "dr", "docteur", "generalist medical practitioner", "doctor"],
        SpecialistMedicalPractitioner = "2212" ["médecin spécialiste", "gynécologue", "gynécologue obstétricien", "pédiatre", "chirurgien", "anesthésiste réanimateur", "specialist medical practitioner"],
        NursingProfessional = "2221" ["infirmier", "infirmière", "ide", "infirmier diplômé d'état", "infirmière diplômée d'état", "infirmier d'état", "infirmière d'état", "infirmier anesthésiste", "iade", "nursing professional", "nurse"],
        MidwiferyProfessional = "2222" ["sage-femme", "sage femme", "sf", "sfde", "sage-femme diplômée d'état", "sage-femme d'état", "sages-femmes", "midwife", "midwifery professional"],
        ParamedicalPractitioner = "2240" ["technicien supérieur en santé", "tss", "assistant médical", "clinical officer", "paramedical practitioner"],
        Pharmacist = "2262" ["pharmacien", "pharmacienne", "pharmacist"],
        VocationalTeacher = "2320" ["enseignant", "enseignante", "formateur", "formatrice", "professeur", "moniteur", "vocational education teacher", "teacher"],
        MedicalEquipmentTechnician = "3211" ["technicien biomédical", "technicien de maintenance biomédicale", "technicien en imagerie", "manipulateur radio", "biomedical technician", "medical imaging technician"],
        LaboratoryTechnician = "3212" ["technicien de laboratoire", "laborantin", "laborantine", "biologiste", "lab technician", "laboratory technician"],
        PharmacyTechnician = "3213" ["préparateur en pharmacie", "dispensateur", "gérant de pharmacie", "pharmacy technician"],
        NursingAssociate = "3221" ["ats", "agent technique de santé", "infirmier breveté", "infirmière brevetée", "infirmier auxiliaire", "nursing associate professional"],
        MidwiferyAssociate = "3222" ["matrone", "matrones", "accoucheuse", "accoucheuse auxiliaire", "accoucheuse traditionnelle", "assistant midwife", "midwifery associate professional"],
        CommunityHealthWorker = "3253" ["agent de santé communautaire", "asc", "relais communautaire", "agent communautaire", "community health worker", "chw"],
        HealthCareAssistant = "5321" ["aide-soignant", "aide-soignante", "aide soignant", "garçon de salle", "fille de salle", "brancardier", "health care assistant", "nursing assistant"],
        Other = "other" ["autre", "étudiant", "étudiante", "élève", "stagiaire", "chauffeur", "secrétaire", "other", "student"],
    }
);

code_enum!(PersonRole {
    Participant = "participant" ["apprenant", "trainee", "stagiaire"],
    Expert = "expert" ["experte", "formateur", "tutor", "tuteur"],
    Referent = "referent" ["référent", "référente", "referente"],
});

code_enum!(OrgKind {
    Partner = "partner" ["partenaire", "partenaire français", "french partner"],
    Host = "host" ["hôte", "accueil", "structure d'accueil", "host facility"],
});

code_enum!(
    /// Level in the health pyramid (host) or type of partner.
    FacilityLevel {
        National = "national" ["hôpital national", "chu", "national hospital", "central"],
        Regional = "regional" ["régional", "hôpital régional", "regional hospital", "hôpital provincial", "provincial"],
        District = "district" ["hôpital de district", "district hospital"],
        HealthCentre = "health_centre" ["centre de santé", "cs", "csi", "health centre", "health center"],
        TrainingSchool = "training_school" ["école", "école de formation", "institut", "training school", "ecole"],
        PartnerHospital = "partner_hospital" ["hôpital partenaire", "chu français"],
        Association = "association" ["ong", "ngo"],
    }
);

code_enum!(MissionStatus {
    Planned = "planned" ["prévue", "planifiée", "planned"],
    Ongoing = "ongoing" ["en cours", "in progress"],
    Completed = "completed" ["terminée", "done", "finished", "clôturée"],
    Cancelled = "cancelled" ["annulée", "canceled"],
});

code_enum!(TeamRole {
    Lead = "lead" ["chef de mission", "responsable", "leader"],
    Expert = "expert" ["membre", "member"],
    TechnicalReferent = "technical_referent" ["référent technique", "technical referent"],
    OrganisationalReferent = "organisational_referent" ["référent organisationnel", "organisational referent", "organizational referent"],
});

impl TeamRole {
    /// Experts sent on the mission; referents are hosts and do not count in
    /// expert-days.
    pub fn is_expert(self) -> bool {
        matches!(self, TeamRole::Lead | TeamRole::Expert)
    }
}

code_enum!(Modality {
    Theory = "theory" ["cours", "cours théorique", "théorie", "theory course", "lecture"],
    Workshop = "workshop" ["atelier", "atelier pratique", "practical workshop", "tp"],
    Bedside = "bedside" ["compagnonnage", "mentorat", "au lit du patient", "bedside mentoring", "mentoring"],
    Simulation = "simulation" ["simulation", "sim"],
    Placement = "placement" ["stage", "stage d'observation", "observation placement"],
    Supervision = "supervision" ["supervision formative", "formative supervision"],
});

code_enum!(
    /// What the expert set on the session; the referent's decision is a
    /// review of its own (see [`ReviewDecision`]).
    SessionStatus {
        Draft = "draft" ["brouillon"],
        Submitted = "submitted" ["soumise", "soumis"],
    }
);

code_enum!(
    /// The status a session shows: the expert's, or the latest review's.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    ReviewStatus {
        Draft = "draft" ["brouillon"],
        Submitted = "submitted" ["soumise"],
        Validated = "validated" ["validée"],
        Returned = "returned" ["renvoyée", "à corriger"],
    }
);

code_enum!(
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    ReviewDecision {
    Validated = "validated" ["valider", "validée", "validate", "ok"],
    Returned = "returned" ["renvoyer", "renvoyée", "return", "à corriger"],
    }
);

code_enum!(
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    AttendanceStatus {
    // A host hospital's sign-in sheet ticks (✓, ✔, ☑) or writes the
    // inclusive "présent(e)".
    Present = "present" ["p", "présent", "présente", "présent(e)", "oui", "x", "1", "yes", "✓", "✔", "☑"],
    Absent = "absent" ["a", "absente", "absent(e)", "non", "0", "no"],
    Late = "late" ["r", "retard", "en retard"],
    LeftEarly = "left_early" ["d", "parti tôt", "partie tôt", "départ anticipé", "left early"],
    // "Justifié(e)", "AJ": the absence the register calls justified.
    Excused = "excused" [
        "e",
        "excusé",
        "excusée",
        "excusé(e)",
        "absent excusé",
        "absent(e) excusé(e)",
        "absence excusée",
        "justifié",
        "justifiée",
        "justifié(e)",
        "absent justifié",
        "absente justifiée",
        "absent(e) justifié(e)",
        "absence justifiée",
        "aj"
    ],
    }
);

impl AttendanceStatus {
    /// DOMAIN.md: "counted attendance" means present, late or left early.
    pub fn is_counted(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late | AttendanceStatus::LeftEarly)
    }
}

code_enum!(
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    Phase {
    Pre = "pre" ["pré", "pré-test", "pretest", "pre-test", "avant"],
    Post = "post" ["post-test", "posttest", "après"],
    }
);

code_enum!(
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    AssessmentContext {
    Training = "training" ["formation", "mission", "in-training"],
    FollowUp = "follow_up" ["suivi", "supervision", "follow-up", "visite de suivi"],
    }
);

code_enum!(
    /// The Kirkpatrick level an instrument measures.
    Kirkpatrick {
        Reaction = "reaction" ["réaction", "1"],
        Learning = "learning" ["apprentissage", "2"],
        Behaviour = "behaviour" ["comportement", "behavior", "3"],
        Results = "results" ["résultats", "4"],
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_titles_name_their_isco_category_and_today_s_list_has_one_each() {
        assert_eq!(HealthOccupation::parse("SFDE"), Some(HealthOccupation::MidwiferyProfessional));
        assert_eq!(HealthOccupation::parse("ATS"), Some(HealthOccupation::NursingAssociate));
        assert_eq!(HealthOccupation::parse("Matrone"), Some(HealthOccupation::MidwiferyAssociate));
        assert_eq!(HealthOccupation::parse("Infirmière diplômée d'État"), Some(HealthOccupation::NursingProfessional));
        assert_eq!(HealthOccupation::parse("2222"), Some(HealthOccupation::MidwiferyProfessional));
        assert_eq!(HealthOccupation::parse("technicien supérieur"), None, "a title that says too little");
        assert_eq!(Cadre::Midwife.occupation().code(), "2222");
        assert_eq!(Cadre::NursingAssistant.occupation().code(), "5321");
        assert_eq!(Cadre::Student.occupation(), HealthOccupation::Other);
        // Local titles are not today's list: they become the programme's own.
        assert_eq!(Cadre::parse("SFDE"), None);
    }

    #[test]
    fn spreadsheet_spellings_are_read_as_codes() {
        assert_eq!(Cadre::parse("Sage-femme"), Some(Cadre::Midwife));
        assert_eq!(Cadre::parse("SAGE FEMME"), Some(Cadre::Midwife));
        assert_eq!(Cadre::parse("Infirmière"), Some(Cadre::Nurse));
        assert_eq!(Cadre::parse("médecin"), Some(Cadre::Doctor));
        assert_eq!(Cadre::parse("astronaute"), None);
        assert_eq!(Sex::parse("F"), Some(Sex::Female));
        assert_eq!(Sex::parse("H"), Some(Sex::Male));
        assert_eq!(AttendanceStatus::parse("Présente"), Some(AttendanceStatus::Present));
        assert_eq!(AttendanceStatus::parse("parti tôt"), Some(AttendanceStatus::LeftEarly));
        for ticked in ["✓", " ✔ ", "☑", "Présent(e)"] {
            assert_eq!(AttendanceStatus::parse(ticked), Some(AttendanceStatus::Present), "{ticked}");
        }
        assert_eq!(AttendanceStatus::parse("ABSENT(E)"), Some(AttendanceStatus::Absent));
        assert_eq!(AttendanceStatus::parse("Absent(e) excusé(e)"), Some(AttendanceStatus::Excused));
        for justified in ["justifié", "Absence justifiée", "AJ", "Absente justifiée"] {
            assert_eq!(AttendanceStatus::parse(justified), Some(AttendanceStatus::Excused), "{justified}");
        }
        assert_eq!(Phase::parse("pré-test"), Some(Phase::Pre));
    }

    #[test]
    fn counted_attendance_is_present_late_or_left_early() {
        let counted: Vec<_> = AttendanceStatus::ALL.iter().filter(|s| s.is_counted()).collect();
        assert_eq!(counted, [&AttendanceStatus::Present, &AttendanceStatus::Late, &AttendanceStatus::LeftEarly]);
    }
}
