//! Deterministic, realistic demo data: a PASST2-like maternal and newborn
//! health programme in Chad (N'Djamena, Moundou, Abéché) and a PASA2-like
//! biomedical maintenance programme in Guinea (Mamou), at the sizes of
//! DOMAIN.md. The same seed gives the same records (ids included).

use crate::app::Binome;
use crate::error::{CoreError, Result};
use crate::records::record_id;
use binome_domain::{Kind, Row};
use chrono::{Datelike, Duration, NaiveDate};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde_json::{Value, json};

pub const SMNI_FRAMEWORK: &str = include_str!("../../../assets/frameworks/smni.json");
pub const BIOMED_FRAMEWORK: &str = include_str!("../../../assets/frameworks/biomed.json");

/// Page cache while writing a country-scale dataset (see `Store::set_cache_mib`).
const BULK_CACHE_MIB: i64 = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoScale {
    /// One mission: a dozen sessions, about 30 participants.
    Mission,
    /// Two programmes over five years: ~90 missions, a few thousand persons.
    Programme,
    /// A country coordinator's store: ~100,000 persons, ~1,000,000 attendance rows.
    Country,
    /// Ten countries' data consolidated at headquarters: ten country
    /// datasets, their programmes numbered (`PASST2-C03`): ~1,000,000
    /// persons, ~10,000,000 attendance rows. For the benchmarks.
    Headquarters,
}

impl DemoScale {
    pub fn parse(text: &str) -> Option<DemoScale> {
        match text {
            "mission" => Some(DemoScale::Mission),
            "programme" | "program" => Some(DemoScale::Programme),
            "country" | "pays" => Some(DemoScale::Country),
            "hq" | "headquarters" | "siege" | "siège" => Some(DemoScale::Headquarters),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DemoSummary {
    pub programmes: usize,
    pub organisations: usize,
    pub persons: usize,
    pub missions: usize,
    pub sessions: usize,
    pub attendance: usize,
    pub test_scores: usize,
    pub assessments: usize,
    pub reviews: usize,
}

struct Rng(ChaCha8Rng);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// A UUIDv7 whose time part is the record's date, random part from the seed.
    fn id_at(&mut self, date: NaiveDate) -> String {
        let millis = date.and_hms_opt(8, 0, 0).expect("valid time").and_utc().timestamp_millis() as u64;
        let mut random = [0u8; 10];
        self.0.fill_bytes(&mut random);
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid().hyphenated().to_string()
    }
}

const CHAD_FAMILY: &[&str] = &[
    "Mahamat",
    "Abakar",
    "Hissein",
    "Ngaba",
    "Djimadoum",
    "Nodjirom",
    "Allarassem",
    "Moussa",
    "Oumar",
    "Adoum",
    "Brahim",
    "Zakaria",
    "Saleh",
    "Haroun",
    "Idriss",
    "Mbaïdoum",
    "Ndilbé",
    "Ngarmbaye",
    "Koumandji",
    "Tordé",
    "Abdelkerim",
    "Youssouf",
    "Djibrine",
    "Nadjingar",
    "Ronelngar",
    "Béassoum",
    "Mahamoud",
    "Kaltouma",
    "Ousmane",
    "Hassane",
];
const CHAD_GIVEN_F: &[&str] = &[
    "Zénaba",
    "Fatimé",
    "Achta",
    "Halimé",
    "Mariam",
    "Khadidja",
    "Amina",
    "Hawa",
    "Aïcha",
    "Rokia",
    "Néloumsei",
    "Remadji",
    "Kaltouma",
    "Asnadji",
    "Mbaïnaissem",
    "Haoua",
    "Djénéba",
    "Nafissa",
    "Ramatou",
    "Clarisse",
];
const CHAD_GIVEN_M: &[&str] = &[
    "Abakar",
    "Ali",
    "Adoum",
    "Youssouf",
    "Issa",
    "Moussa",
    "Djibrine",
    "Ngarta",
    "Ousmane",
    "Mahamat",
    "Brahim",
    "Narcisse",
    "Dénis",
    "Kodbé",
    "Allafi",
    "Hamid",
    "Sosthène",
    "Nadjilem",
];
const GUINEA_FAMILY: &[&str] = &[
    "Diallo",
    "Camara",
    "Bah",
    "Barry",
    "Sow",
    "Condé",
    "Keïta",
    "Touré",
    "Soumah",
    "Sylla",
    "Bangoura",
    "Kouyaté",
    "Doumbouya",
    "Kourouma",
    "Cissé",
    "Baldé",
    "Traoré",
    "Fofana",
];
const GUINEA_GIVEN_F: &[&str] =
    &["Mariama", "Fatoumata", "Aïssatou", "Kadiatou", "Hadja", "Mafoudia", "Saran", "Oumou", "Binta", "Nènè"];
const GUINEA_GIVEN_M: &[&str] =
    &["Alpha", "Mamadou", "Ibrahima", "Sékou", "Lansana", "Thierno", "Amadou", "Ousmane", "Mohamed", "Abdoulaye"];
/// Spelling variants seen when the same person is registered twice.
const VARIANTS: &[(&str, &str)] = &[
    ("Mahamat", "Mahammat"),
    ("Abakar", "Abbakar"),
    ("Hissein", "Hisseine"),
    ("Moussa", "Mousa"),
    ("Oumar", "Umar"),
    ("Youssouf", "Yousouf"),
    ("Mariam", "Mariame"),
    ("Aïcha", "Aicha"),
    ("Zénaba", "Zenaba"),
    ("Fatimé", "Fatime"),
    ("Khadidja", "Kadidja"),
    ("Djibrine", "Djibrin"),
    ("Diallo", "Dialo"),
    ("Kouyaté", "Kouyate"),
    ("Fatoumata", "Fatoumatta"),
];

const CHAD_CITIES: &[(&str, &[&str])] = &[
    (
        "N'Djamena",
        &[
            "Farcha",
            "Chagoua",
            "Moursal",
            "Dembé",
            "Amriguébé",
            "Walia",
            "Gassi",
            "Klémat",
            "Ndjari",
            "Diguel",
            "Atrone",
            "Goudji",
            "Milezi",
            "Toukra",
        ],
    ),
    ("Moundou", &["Quartier 15 ans", "Dombao", "Guelbé", "Doyon", "Mbomian"]),
    ("Abéché", &["Ridina", "Amsaka", "Ambassatna", "Bitméa"]),
];
const CHAD_MORE_CITIES: &[&str] = &[
    "Sarh",
    "Mongo",
    "Bongor",
    "Doba",
    "Am Timan",
    "Ati",
    "Pala",
    "Kélo",
    "Laï",
    "Koumra",
    "Mao",
    "Massakory",
    "Biltine",
    "Bol",
    "Moussoro",
    "Goz Beïda",
];

const RMNCH_THEMES: &[(&str, &str)] = &[
    ("SONU", "Soins obstétricaux et néonatals d'urgence"),
    ("HPP", "Prévention et prise en charge de l'hémorragie du post-partum"),
    ("Réanimation néonatale", "Réanimation du nouveau-né : la minute d'or"),
    ("Partogramme", "Surveillance du travail avec le partogramme"),
    ("CPN", "Consultation prénatale recentrée"),
    ("PF", "Planification familiale du post-partum"),
    ("PCIME", "Prise en charge intégrée des maladies de l'enfant"),
    ("Hygiène", "Prévention et contrôle des infections en salle d'accouchement"),
    ("SMK", "Soins mère kangourou"),
    ("Allaitement", "Mise au sein précoce et allaitement exclusif"),
    ("Éclampsie", "Prise en charge de la pré-éclampsie et de l'éclampsie"),
];
const BIOMED_THEMES: &[(&str, &str)] = &[
    ("Couveuses", "Maintenance préventive des couveuses"),
    ("Oxygène", "Concentrateurs d'oxygène : entretien et contrôle"),
    ("Stérilisation", "Autoclaves et chaîne de stérilisation"),
    ("Sécurité électrique", "Contrôles de sécurité électrique"),
    ("GMAO", "Inventaire et gestion de la maintenance assistée par ordinateur"),
    ("Pousse-seringues", "Diagnostic et réparation des pousse-seringues"),
];
const PARTNERS: &[(&str, &str, &str)] = &[
    ("CHU de Rouen", "partner_hospital", "Rouen"),
    ("Hospices Civils de Lyon", "partner_hospital", "Lyon"),
    ("CHU de Montpellier", "partner_hospital", "Montpellier"),
    ("Assistance Publique – Hôpitaux de Paris", "partner_hospital", "Paris"),
    ("CH Métropole Savoie", "partner_hospital", "Chambéry"),
    ("CHU de Toulouse", "partner_hospital", "Toulouse"),
    ("Gynécologie Sans Frontières", "association", "Paris"),
];

struct Facility {
    id: String,
    city: String,
    level: &'static str,
    staff: Vec<String>,
}

struct ProgrammeSpec {
    code: &'static str,
    name: &'static str,
    country: &'static str,
    funder: &'static str,
    start: NaiveDate,
    end: NaiveDate,
    missions: usize,
    biomedical: bool,
}

/// "de Moundou", "d'Abéché": French elides before a vowel.
fn of(place: &str) -> String {
    let elides = place.chars().next().is_some_and(|c| "AEIOUYÂÉÈÊÎÔ".contains(c.to_ascii_uppercase()));
    if elides { format!("d'{place}") } else { format!("de {place}") }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

fn row(pairs: Value) -> Row {
    match pairs {
        Value::Object(map) => map,
        _ => Row::new(),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

struct Generator<'w, 'a> {
    rng: Rng,
    writer: &'w mut binome_store::Writer<'a>,
    summary: DemoSummary,
    with_reviews: bool,
}

impl Generator<'_, '_> {
    fn put(&mut self, kind: Kind, id: &str, data: Row) -> Result<()> {
        self.writer.insert_new(kind, id, &data)?;
        match kind {
            Kind::Programme => self.summary.programmes += 1,
            Kind::Organisation => self.summary.organisations += 1,
            Kind::Person => self.summary.persons += 1,
            Kind::Mission => self.summary.missions += 1,
            Kind::Session => self.summary.sessions += 1,
            Kind::Attendance => self.summary.attendance += 1,
            Kind::TestScore => self.summary.test_scores += 1,
            Kind::Assessment => self.summary.assessments += 1,
            Kind::Review => self.summary.reviews += 1,
            _ => {}
        }
        Ok(())
    }

    fn organisation(
        &mut self,
        name: &str,
        kind: &str,
        level: &'static str,
        city: &str,
        country: &'static str,
        founded: NaiveDate,
    ) -> Result<String> {
        let id = self.rng.id_at(founded);
        self.put(
            Kind::Organisation,
            &id,
            row(json!({"name": name, "kind": kind, "level": level, "city": city, "country": country})),
        )?;
        Ok(id)
    }

    fn person(
        &mut self,
        role: &str,
        facility: Option<&Facility>,
        guinea: bool,
        cadre: &str,
        since: NaiveDate,
    ) -> Result<String> {
        let female = match cadre {
            "sage_femme" => self.rng.chance(95),
            "technicien_biomedical" => self.rng.chance(15),
            _ => self.rng.chance(55),
        };
        let (family, given) = if guinea {
            (*self.rng.pick(GUINEA_FAMILY), *self.rng.pick(if female { GUINEA_GIVEN_F } else { GUINEA_GIVEN_M }))
        } else {
            (*self.rng.pick(CHAD_FAMILY), *self.rng.pick(if female { CHAD_GIVEN_F } else { CHAD_GIVEN_M }))
        };
        let prefix = if guinea { "+224 6" } else { "+235 6" };
        let phone = format!(
            "{prefix}{} {:02} {:02} {:02}",
            self.rng.between(2, 9),
            self.rng.below(100),
            self.rng.below(100),
            self.rng.below(100)
        );
        let service = match cadre {
            "sage_femme" => "Maternité",
            "technicien_biomedical" => "Service biomédical",
            "medecin" | "medecin_specialiste" => {
                *self.rng.pick(&["Maternité", "Pédiatrie", "Néonatologie", "Urgences"])
            }
            _ => *self.rng.pick(&["Maternité", "Néonatologie", "Pédiatrie", "Bloc opératoire"]),
        };
        let id = self.rng.id_at(since);
        self.put(
            Kind::Person,
            &id,
            row(json!({
                "family_name": family.to_uppercase(), "given_names": given,
                "sex": if female { "female" } else { "male" }, "role": role, "cadre": cadre,
                "organisation_id": facility.map(|f| f.id.clone()), "service": service, "phone": phone, "email": null,
            })),
        )?;
        Ok(id)
    }

    /// The same person registered again on another laptop, with a spelling variant.
    fn variant_of(&mut self, person_id: &str, since: NaiveDate) -> Result<Option<String>> {
        let Some(original) = self.writer.get(Kind::Person, person_id)? else { return Ok(None) };
        let mut data = original.data.clone();
        let family = data.get("family_name").and_then(Value::as_str).unwrap_or_default().to_owned();
        let given = data.get("given_names").and_then(Value::as_str).unwrap_or_default().to_owned();
        let swap =
            |text: &str| VARIANTS.iter().find_map(|(a, b)| (text.eq_ignore_ascii_case(a)).then(|| b.to_string()));
        let (new_family, new_given) = match (swap(&family), swap(&given)) {
            (Some(f), _) => (f.to_uppercase(), given.clone()),
            (None, Some(g)) => (family.clone(), g),
            (None, None) => return Ok(None),
        };
        data.insert("family_name".into(), Value::String(new_family));
        data.insert("given_names".into(), Value::String(new_given));
        if self.rng.chance(50) {
            data.insert("phone".into(), Value::Null);
        }
        let id = self.rng.id_at(since);
        self.put(Kind::Person, &id, data)?;
        Ok(Some(id))
    }

    fn link(&mut self, kind: Kind, mission: &str, person: &str, extra: Option<(&str, &str)>) -> Result<()> {
        let mut data = row(json!({"mission_id": mission, "person_id": person}));
        if let Some((k, v)) = extra {
            data.insert(k.into(), Value::String(v.into()));
        }
        let id = record_id(kind, &data);
        self.put(kind, &id, data)
    }
}

impl Binome {
    /// Writes the demo dataset in one transaction; refused on a store that
    /// already holds records.
    pub fn load_demo(&mut self, seed: u64, scale: DemoScale) -> Result<DemoSummary> {
        let has_data = [Kind::Programme, Kind::Person, Kind::Mission]
            .iter()
            .map(|k| self.store.count(*k))
            .collect::<std::result::Result<Vec<_>, _>>()?
            .into_iter()
            .any(|n| n > 0);
        if has_data {
            return Err(CoreError::DemoStoreNotEmpty);
        }
        if scale != DemoScale::Mission && scale != DemoScale::Programme {
            self.store.set_cache_mib(BULK_CACHE_MIB)?;
        }
        // Reviews are a referent's: written only where this laptop's role
        // may make them, so the demo travels like real data.
        let with_reviews = self.device()?.role.may_write(Kind::Review, &Row::new());
        // Headquarters' countries are written one transaction each, so the
        // journal holds one country at a time.
        let editions: Vec<(DemoScale, Option<usize>)> = match scale {
            DemoScale::Headquarters => (1..=10).map(|n| (DemoScale::Country, Some(n))).collect(),
            one => vec![(one, None)],
        };
        let mut summary = DemoSummary::default();
        for (scale, edition) in editions {
            let now = self.now_millis();
            let written = self.store.write(now, |writer| {
                let mut g = Generator {
                    rng: Rng(ChaCha8Rng::seed_from_u64(seed + edition.unwrap_or_default() as u64)),
                    writer,
                    summary: DemoSummary::default(),
                    with_reviews,
                };
                generate(&mut g, scale, edition)?;
                Ok::<_, CoreError>(g.summary)
            });
            match written {
                Ok(one) => summary.add(&one),
                Err(e) => {
                    self.store.set_cache_mib(binome_store::DEFAULT_CACHE_MIB)?;
                    return Err(e);
                }
            }
        }
        self.store.set_cache_mib(binome_store::DEFAULT_CACHE_MIB)?;
        Ok(summary)
    }
}

impl DemoSummary {
    fn add(&mut self, other: &DemoSummary) {
        self.programmes += other.programmes;
        self.organisations += other.organisations;
        self.persons += other.persons;
        self.missions += other.missions;
        self.sessions += other.sessions;
        self.attendance += other.attendance;
        self.test_scores += other.test_scores;
        self.assessments += other.assessments;
        self.reviews += other.reviews;
    }
}

fn programme_specs(scale: DemoScale) -> Vec<ProgrammeSpec> {
    let passt2 = ProgrammeSpec {
        code: "PASST2",
        name: "Projet d'appui au secteur de la santé au Tchad — phase 2",
        country: "TD",
        funder: "AFD",
        start: date(2016, 1, 1),
        end: date(2020, 12, 31),
        missions: 1,
        biomedical: false,
    };
    match scale {
        DemoScale::Mission => vec![passt2],
        DemoScale::Programme => vec![
            ProgrammeSpec { missions: 80, ..passt2 },
            ProgrammeSpec {
                code: "PASA2",
                name: "Programme d'appui à la santé en Guinée — maintenance biomédicale",
                country: "GN",
                funder: "Union européenne",
                start: date(2018, 1, 1),
                end: date(2021, 12, 31),
                missions: 10,
                biomedical: true,
            },
        ],
        DemoScale::Country | DemoScale::Headquarters => vec![
            ProgrammeSpec { missions: 1300, ..passt2 },
            ProgrammeSpec {
                code: "PASST3",
                name: "Projet d'appui au secteur de la santé au Tchad — phase 3",
                country: "TD",
                funder: "AFD",
                start: date(2021, 1, 1),
                end: date(2025, 12, 31),
                missions: 1300,
                biomedical: false,
            },
            ProgrammeSpec {
                code: "BIOMED-TD",
                name: "Maintenance biomédicale dans les hôpitaux du Tchad",
                country: "TD",
                funder: "Union européenne",
                start: date(2019, 1, 1),
                end: date(2024, 12, 31),
                missions: 200,
                biomedical: true,
            },
        ],
    }
}

/// One dataset; `edition` numbers one country of headquarters' ten.
fn generate(g: &mut Generator<'_, '_>, scale: DemoScale, edition: Option<usize>) -> Result<()> {
    let programmes = programme_specs(scale);
    let t0 = date(2015, 6, 1);
    let frameworks = (framework_row(SMNI_FRAMEWORK)?, framework_row(BIOMED_FRAMEWORK)?);
    let partners = partners(g, t0)?;
    let (mut chad, mut guinea) = host_facilities(g, scale, t0)?;
    hire_staff(g, scale, &mut chad, &mut guinea, t0)?;
    for spec in &programmes {
        let hosts: &[Facility] = if spec.country == "GN" { &guinea } else { &chad };
        programme(g, spec, scale, edition, &frameworks, &partners, hosts)?;
    }
    // A one-mission demo still offers both shipped frameworks, so an expert
    // can try a biomedical grid too; drawn last, so the rest keeps its ids.
    if !programmes.iter().any(|p| p.biomedical) {
        let id = g.rng.id_at(programmes.last().map_or(NaiveDate::MIN, |p| p.start));
        g.put(Kind::Framework, &id, frameworks.1.clone())?;
    }
    Ok(())
}

/// The French partner hospitals and associations experts come from.
fn partners(g: &mut Generator<'_, '_>, t0: NaiveDate) -> Result<Vec<String>> {
    let mut partners = Vec::new();
    for (name, level, city) in PARTNERS {
        partners.push(g.organisation(
            name,
            "partner",
            if *level == "association" { "association" } else { "partner_hospital" },
            city,
            "FR",
            t0,
        )?);
    }
    partners.push(g.organisation("HUMATEM", "partner", "association", "Annecy", "FR", t0)?);

    Ok(partners)
}

/// The host facilities of Chad (more of them at larger scales) and, in a
/// programme, of Guinea.
fn host_facilities(
    g: &mut Generator<'_, '_>,
    scale: DemoScale,
    t0: NaiveDate,
) -> Result<(Vec<Facility>, Vec<Facility>)> {
    let mut chad: Vec<Facility> = Vec::new();
    let add = |g: &mut Generator<'_, '_>,
               list: &mut Vec<Facility>,
               name: String,
               level: &'static str,
               city: &str,
               country: &'static str|
     -> Result<()> {
        let id = g.organisation(&name, "host", level, city, country, t0)?;
        list.push(Facility { id, city: city.to_owned(), level, staff: Vec::new() });
        Ok(())
    };
    add(g, &mut chad, "Hôpital de la Mère et de l'Enfant".into(), "national", "N'Djamena", "TD")?;
    if scale != DemoScale::Mission {
        add(g, &mut chad, "Hôpital Général de Référence Nationale".into(), "national", "N'Djamena", "TD")?;
        add(g, &mut chad, "CHU Le Bon Samaritain".into(), "national", "N'Djamena", "TD")?;
        add(
            g,
            &mut chad,
            "École Nationale des Agents Sanitaires et Sociaux".into(),
            "training_school",
            "N'Djamena",
            "TD",
        )?;
        add(g, &mut chad, "Hôpital provincial de Moundou".into(), "regional", "Moundou", "TD")?;
        add(g, &mut chad, "Hôpital provincial d'Abéché".into(), "regional", "Abéché", "TD")?;
        for (city, quarters) in CHAD_CITIES {
            add(g, &mut chad, format!("Hôpital de district {}", of(city)), "district", city, "TD")?;
            let count = if scale == DemoScale::Country { quarters.len() } else { quarters.len().min(4) };
            for quarter in &quarters[..count] {
                add(g, &mut chad, format!("Centre de santé {}", of(quarter)), "health_centre", city, "TD")?;
            }
        }
    }
    if scale == DemoScale::Country {
        for city in CHAD_MORE_CITIES {
            add(g, &mut chad, format!("Hôpital provincial {}", of(city)), "regional", city, "TD")?;
            add(g, &mut chad, format!("Hôpital de district {}", of(city)), "district", city, "TD")?;
            for n in 1..=8 {
                add(g, &mut chad, format!("Centre de santé urbain n° {n} {}", of(city)), "health_centre", city, "TD")?;
            }
        }
    }
    let mut guinea: Vec<Facility> = Vec::new();
    if scale == DemoScale::Programme {
        add(g, &mut guinea, "Institut Supérieur de Technologie de Mamou".into(), "training_school", "Mamou", "GN")?;
        add(g, &mut guinea, "Hôpital régional de Mamou".into(), "regional", "Mamou", "GN")?;
        add(g, &mut guinea, "Hôpital national Donka".into(), "national", "Conakry", "GN")?;
        add(g, &mut guinea, "Hôpital national Ignace Deen".into(), "national", "Conakry", "GN")?;
    }

    Ok((chad, guinea))
}

/// The staff of each facility: the pool participants come from.
fn hire_staff(
    g: &mut Generator<'_, '_>,
    scale: DemoScale,
    chad: &mut [Facility],
    guinea: &mut [Facility],
    t0: NaiveDate,
) -> Result<()> {
    let staff_per_facility = match scale {
        DemoScale::Mission => 36,
        DemoScale::Programme => 90,
        DemoScale::Country | DemoScale::Headquarters => 0,
    };
    let rmnch_cadres = [
        "sage_femme",
        "sage_femme",
        "sage_femme",
        "infirmier",
        "infirmier",
        "medecin",
        "aide_soignant",
        "medecin_specialiste",
        "anesthesiste",
        "etudiant",
    ];
    let biomed_cadres =
        ["technicien_biomedical", "technicien_biomedical", "technicien_biomedical", "etudiant", "enseignant"];
    // At country scale ~100,000 persons, spread by level: big hospitals hold more.
    let weight = |level: &str| match level {
        "national" => 900,
        "regional" => 600,
        "training_school" => 800,
        "district" => 450,
        _ => 180,
    };
    let total_weight: usize = chad.iter().map(|f| weight(f.level)).sum();
    for (facilities, guinean) in [(chad, false), (guinea, true)] {
        for facility in facilities.iter_mut() {
            let staff = if scale == DemoScale::Country {
                weight(facility.level) * 99_000 / total_weight.max(1)
            } else {
                staff_per_facility
            };
            for _ in 0..staff {
                let cadre =
                    if guinean || g.rng.chance(8) { *g.rng.pick(&biomed_cadres) } else { *g.rng.pick(&rmnch_cadres) };
                let id = g.person("participant", Some(facility), guinean, cadre, t0)?;
                facility.staff.push(id);
            }
        }
    }

    Ok(())
}

/// What every mission of a programme draws from.
struct ProgrammeDraw<'p> {
    spec: &'p ProgrammeSpec,
    scale: DemoScale,
    code: String,
    programme_id: String,
    framework_id: String,
    themes: &'static [(&'static str, &'static str)],
    competencies: Vec<(String, Vec<String>)>,
    scale_levels: Vec<String>,
    hosts: &'p [Facility],
    host_indices: Vec<usize>,
    experts: Vec<String>,
    partners: &'p [String],
    days_span: usize,
}

/// A programme, its framework, its experts and its missions.
fn programme(
    g: &mut Generator<'_, '_>,
    spec: &ProgrammeSpec,
    scale: DemoScale,
    edition: Option<usize>,
    (smni, biomed): &(Row, Row),
    partners: &[String],
    hosts: &[Facility],
) -> Result<()> {
    let code = match edition {
        Some(n) => format!("{}-C{n:02}", spec.code),
        None => spec.code.to_owned(),
    };
    let programme_id = g.rng.id_at(spec.start);
    g.put(
        Kind::Programme,
        &programme_id,
        row(json!({"code": code, "name": spec.name, "country": spec.country, "funder": spec.funder,
            "start_date": iso(spec.start), "end_date": iso(spec.end), "hours_per_day": 7.0, "pass_mark": 80.0})),
    )?;
    let (framework_json, themes) = if spec.biomedical { (biomed, BIOMED_THEMES) } else { (smni, RMNCH_THEMES) };
    let framework_id = g.rng.id_at(spec.start);
    let mut framework = framework_json.clone();
    framework.insert("programme_id".into(), Value::String(programme_id.clone()));
    if spec.code != "PASST2" && spec.code != "PASA2" {
        framework.insert(
            "code".into(),
            Value::String(format!("{}-{}", framework_json["code"].as_str().unwrap_or("REF"), code)),
        );
    }
    g.put(Kind::Framework, &framework_id, framework.clone())?;
    let competencies = framework_competencies(&framework);
    let scale_levels: Vec<String> = framework["scale"]["levels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["code"].as_str().map(str::to_owned))
        .collect();

    let host_indices: Vec<usize> =
        (0..hosts.len()).filter(|&i| !(spec.biomedical && hosts[i].level == "health_centre")).collect();
    let mut experts: Vec<String> = Vec::new();
    for _ in 0..(spec.missions / 12).clamp(4, 40) {
        let cadre = if spec.biomedical {
            "technicien_biomedical"
        } else {
            *g.rng.pick(&["sage_femme", "medecin_specialiste", "sage_femme", "infirmier"])
        };
        experts.push(g.person("expert", None, false, cadre, spec.start)?);
    }
    let days_span = (spec.end - spec.start).num_days() as usize;
    let draw = ProgrammeDraw {
        spec,
        scale,
        code,
        programme_id,
        framework_id,
        themes,
        competencies,
        scale_levels,
        hosts,
        host_indices,
        experts,
        partners,
        days_span,
    };
    for m in 0..spec.missions {
        mission(g, &draw, m)?;
    }
    Ok(())
}

/// What a mission's sessions, tests and assessments draw from.
struct MissionDraw {
    mission_id: String,
    start: NaiveDate,
    end: NaiveDate,
    length: i64,
    theme_index: usize,
    team: Vec<String>,
    referent: Option<String>,
    participants: Vec<String>,
}

/// One mission: its record, its team and participants, then its sessions,
/// tests and assessments; the draws in the order that gives a seed its ids.
fn mission(g: &mut Generator<'_, '_>, draw: &ProgrammeDraw<'_>, m: usize) -> Result<()> {
    let ProgrammeDraw { spec, code, programme_id, hosts, host_indices, experts, partners, .. } = draw;
    let (scale, days_span, themes) = (draw.scale, draw.days_span, draw.themes);
    let host = &hosts[*g.rng.pick(host_indices)];
    let start = if scale == DemoScale::Mission {
        date(2019, 3, 4)
    } else {
        spec.start + Duration::days((m * days_span / spec.missions.max(1) + g.rng.below(20)) as i64)
    };
    let length = g.rng.between(7, 15) as i64;
    let end = start + Duration::days(length - 1);
    let mission_id = g.rng.id_at(start);
    let theme_index = g.rng.below(themes.len());
    let partner = g.rng.pick(partners).clone();
    g.put(
        Kind::Mission,
        &mission_id,
        row(json!({
            "programme_id": programme_id, "code": format!("{}-{}-{:04}", code, start.year(), m + 1),
            "title": format!("{} — {}", themes[theme_index].0, host.city),
            "partner_org_id": if spec.biomedical { partners.last().cloned().unwrap_or(partner) } else { partner },
            "host_org_id": host.id, "city": host.city, "start_date": iso(start), "end_date": iso(end),
            "objectives": format!("Renforcer les compétences des équipes en {}.", themes[theme_index].1.to_lowercase()),
            "status": "completed",
            "debrief": "Bonne implication des équipes ; matériel de simulation laissé sur place.",
            "recommendations": "Prévoir une supervision formative à trois mois.",
        })),
    )?;
    // Team: 1–4 experts, a technical referent from the host.
    let team_size = g.rng.between(1, 4).min(experts.len());
    let first = g.rng.below(experts.len());
    let team: Vec<String> = (0..team_size).map(|k| experts[(first + k) % experts.len()].clone()).collect();
    for (k, expert) in team.iter().enumerate() {
        g.link(Kind::TeamMember, &mission_id, expert, Some(("team_role", if k == 0 { "lead" } else { "expert" })))?;
    }
    let referent = host.staff.first().cloned();
    if let Some(referent) = &referent {
        g.link(Kind::TeamMember, &mission_id, referent, Some(("team_role", "technical_referent")))?;
    }
    // Participants: mostly the host's staff.
    let wanted = if scale == DemoScale::Mission { 30 } else { g.rng.between(20, 45) };
    let mut participants: Vec<String> = Vec::new();
    let pool = &host.staff;
    if !pool.is_empty() {
        let offset = g.rng.below(pool.len());
        for k in 0..wanted.min(pool.len()) {
            participants.push(pool[(offset + k * 7) % pool.len()].clone());
        }
        participants.sort();
        participants.dedup();
    }
    // Now and then, someone registered twice with a spelling variant.
    if scale != DemoScale::Mission && g.rng.chance(20) && !participants.is_empty() {
        let who = participants[g.rng.below(participants.len())].clone();
        if let Some(twin) = g.variant_of(&who, start)? {
            participants.retain(|p| p != &who);
            participants.push(twin);
        }
    }
    for p in &participants {
        g.link(Kind::Enrolment, &mission_id, p, None)?;
    }
    let mission = MissionDraw { mission_id, start, end, length, theme_index, team, referent, participants };
    let session_ids = sessions(g, draw, &mission)?;
    tests(g, &mission, &session_ids)?;
    assessments(g, draw, &mission, &session_ids)
}

/// A mission's sessions, each with everyone's attendance and, where a
/// referent reviewed it, the review.
fn sessions(g: &mut Generator<'_, '_>, draw: &ProgrammeDraw<'_>, mission: &MissionDraw) -> Result<Vec<String>> {
    let (scale, themes) = (draw.scale, draw.themes);
    let MissionDraw { mission_id, team, referent, participants, .. } = mission;
    let (start, length, theme_index) = (mission.start, mission.length, mission.theme_index);
    // Sessions.
    let session_count = if scale == DemoScale::Mission { 12 } else { g.rng.between(8, 14) };
    let mut session_ids = Vec::new();
    for s in 0..session_count {
        let day = start + Duration::days((s as i64 * length / session_count as i64).min(length - 1));
        let (theme, title) = themes[(theme_index + s / 3) % themes.len()];
        let modality = ["theory", "workshop", "bedside", "simulation", "bedside", "workshop"][s % 6];
        let duration = [120, 180, 240, 90, 180, 210][g.rng.below(6)];
        let submitted = g.rng.chance(85);
        let session_id = g.rng.id_at(day);
        let trainers: Vec<&String> = team.iter().take(2).collect();
        g.put(
            Kind::Session,
            &session_id,
            row(json!({
                "mission_id": mission_id, "title": title, "theme": theme, "modality": modality,
                "date": iso(day), "start_time": if s % 2 == 0 { "08:30" } else { "14:00" }, "duration": duration,
                "trainer_ids": trainers, "status": if submitted { "submitted" } else { "draft" }, "notes": null,
            })),
        )?;
        session_ids.push(session_id.clone());
        for p in participants {
            let roll = g.rng.below(100);
            let status = match roll {
                0..=81 => "present",
                82..=87 => "late",
                88..=90 => "left_early",
                91..=96 => "absent",
                _ => "excused",
            };
            let data = row(json!({"session_id": session_id, "person_id": p, "status": status, "note": null}));
            let id = record_id(Kind::Attendance, &data);
            g.put(Kind::Attendance, &id, data)?;
        }
        // The same draws whether reviews are written or not, so a
        // seed gives the same ids on every laptop.
        if submitted && referent.is_some() && g.rng.chance(80) {
            let decision = if g.rng.chance(88) { "validated" } else { "returned" };
            let comment = if decision == "returned" {
                "Merci de compléter la liste de présence et les notes du post-test."
            } else {
                "Conforme."
            };
            let review_id = g.rng.id_at(day);
            if g.with_reviews {
                g.put(Kind::Review, &review_id, row(json!({"session_id": session_id, "reviewer_id": referent, "decision": decision, "comment": comment})))?;
            }
        }
    }
    Ok(session_ids)
}

fn tests(g: &mut Generator<'_, '_>, mission: &MissionDraw, session_ids: &[String]) -> Result<()> {
    let participants = &mission.participants;
    // Pre/post tests on the first and the sixth session.
    for &s in [0usize, 5].iter().filter(|&&s| s < session_ids.len()) {
        for p in participants {
            if g.rng.chance(8) {
                continue;
            }
            let pre = g.rng.between(5, 14) as f64;
            let post = (pre + g.rng.between(0, 9) as f64).min(20.0);
            for (phase, score) in [("pre", pre), ("post", post)] {
                let data = row(
                    json!({"session_id": session_ids[s], "person_id": p, "phase": phase, "score": score, "max_score": 20.0}),
                );
                let sid = record_id(Kind::TestScore, &data);
                g.put(Kind::TestScore, &sid, data)?;
            }
        }
    }
    Ok(())
}

fn assessments(
    g: &mut Generator<'_, '_>,
    draw: &ProgrammeDraw<'_>,
    mission: &MissionDraw,
    session_ids: &[String],
) -> Result<()> {
    let (scale, framework_id, competencies, scale_levels) =
        (draw.scale, &draw.framework_id, &draw.competencies, &draw.scale_levels);
    let MissionDraw { mission_id, team, referent, participants, .. } = mission;
    let end = mission.end;
    // Competency assessments at the end of the mission, and a follow-up visit for some.
    let assessed: Vec<String> =
        participants.iter().take(if scale == DemoScale::Mission { 30 } else { participants.len() }).cloned().collect();
    for p in &assessed {
        let count = g.rng.between(2, 4).min(competencies.len());
        let first_c = g.rng.below(competencies.len());
        for k in 0..count {
            let (competency_id, criteria) = &competencies[(first_c + k) % competencies.len()];
            let base = g.rng.below(scale_levels.len());
            for (visit, when, context) in [(0usize, end, "training"), (1, end + Duration::days(90), "follow_up")] {
                if visit == 1 && !g.rng.chance(30) {
                    continue;
                }
                let mut ratings = serde_json::Map::new();
                for criterion in criteria {
                    let level = if g.rng.chance(6) {
                        "not_observed".to_owned()
                    } else {
                        let up = visit + g.rng.below(2);
                        scale_levels[(base + up).min(scale_levels.len() - 1).saturating_sub(g.rng.below(2))].clone()
                    };
                    ratings.insert(criterion.clone(), Value::String(level));
                }
                let id = g.rng.id_at(when);
                g.put(
                    Kind::Assessment,
                    &id,
                    row(json!({
                        "person_id": p, "framework_id": framework_id, "competency_id": competency_id,
                        "assessor_id": if visit == 0 { team.first().cloned() } else { referent.clone() },
                        "date": iso(when), "context": context, "mission_id": mission_id,
                        "session_id": if visit == 0 { session_ids.last().cloned() } else { None },
                        "ratings": ratings, "comment": null,
                    })),
                )?;
            }
        }
    }
    Ok(())
}

fn framework_row(source: &str) -> Result<Row> {
    let value: Value = serde_json::from_str(source).expect("shipped frameworks are valid JSON (tested)");
    let mut data = row(value);
    data.entry("programme_id").or_insert(Value::Null);
    data.entry("kirkpatrick").or_insert(Value::Null);
    Ok(data)
}

/// (competency id, its criterion ids) of a framework row.
fn framework_competencies(framework: &Row) -> Vec<(String, Vec<String>)> {
    framework["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["competencies"].as_array().into_iter().flatten())
        .map(|c| {
            let criteria = c["criteria"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|k| k["id"].as_str().map(str::to_owned))
                .collect();
            (c["id"].as_str().unwrap_or_default().to_owned(), criteria)
        })
        .collect()
}
