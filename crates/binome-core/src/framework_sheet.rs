//! A competency framework read from a spreadsheet, as experts write them:
//! one criterion per row, with its framework, domain and competency
//! repeated, a "critical" column, and the rating scale on the first row.
//! Rows become one framework record per code; a framework already in the
//! store with that code is revised (its competency ids kept, so earlier
//! assessments still point at the same competencies).

use crate::app::Binome;
use crate::error::CoreError;
use crate::import::{ColumnMap, RowProblem};
use crate::records::Prepared;
use crate::sheet::Table;
use binome_domain::codes::fold_code;
use binome_domain::framework::{Competency, Criterion, Domain, RatingScale, ScaleLevel};
use binome_domain::{Input, Kind, Problem, ProblemCode};

const NOT_OBSERVED: &str = "not_observed";

/// The scale a framework gets when its sheet names none: the demo
/// frameworks' three levels.
fn default_scale() -> RatingScale {
    let level = |code: &str, label: &str| ScaleLevel { code: code.into(), label: label.into() };
    RatingScale {
        levels: vec![
            level("needs_improvement", "À améliorer"),
            level("competent", "Exécuté correctement"),
            level("proficient", "Maîtrisé"),
        ],
        not_observed: NOT_OBSERVED.into(),
        pass_level: "competent".into(),
    }
}

fn parse_critical(text: &str) -> Option<bool> {
    match fold_code(text).as_str() {
        "" | "non" | "n" | "no" | "0" | "faux" | "false" => Some(false),
        "oui" | "o" | "yes" | "y" | "x" | "1" | "vrai" | "true" | "critique" | "critical" => Some(true),
        _ => None,
    }
}

/// A code made of letters, digits and `_`, for ids and level codes.
fn slug(text: &str) -> String {
    let folded: String = fold_code(text).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    folded.trim_matches('_').to_owned()
}

/// One framework as its rows build it.
struct Draft {
    code: String,
    name: String,
    first_line: usize,
    scale: Option<(usize, String, Option<String>)>,
    domains: Vec<Domain>,
}

/// One row's criterion, every cell it needs present.
struct CriterionRow {
    domain: String,
    competency_code: String,
    competency: String,
    criterion: String,
    critical: bool,
}

/// The problems found, each on its line and under the file's heading.
struct Found<'a> {
    columns: &'a ColumnMap,
    problems: Vec<RowProblem>,
}

impl Found<'_> {
    fn add(&mut self, line: usize, column: &str, problem: Problem) {
        self.problems.push(RowProblem { line, column: self.columns.heading(column), problem });
    }
}

impl Binome {
    pub(crate) fn read_frameworks(
        &self,
        table: &Table,
        columns: &ColumnMap,
    ) -> Result<(Vec<RowProblem>, Vec<Prepared>, usize, usize), CoreError> {
        let mut found = Found { columns, problems: Vec::new() };
        let drafts = drafts(table, &mut found);
        let (prepared, created, updated) = self.prepare_frameworks(drafts, &mut found)?;
        Ok((found.problems, prepared, created, updated))
    }

    /// Each draft as a framework record, new or revising the one of that
    /// code: (records, created, updated).
    fn prepare_frameworks(
        &self,
        drafts: Vec<Draft>,
        found: &mut Found,
    ) -> Result<(Vec<Prepared>, usize, usize), CoreError> {
        let mut prepared = Vec::new();
        let (mut created, mut updated) = (0, 0);
        for draft in drafts {
            let scale = match &draft.scale {
                None => default_scale(),
                Some((line, levels, pass)) => match scale_from_text(levels, pass.as_deref()) {
                    Ok(scale) => scale,
                    Err(p) => {
                        let column = if p.field == "pass_level" { "pass_level" } else { "levels" };
                        found.add(*line, column, p);
                        continue;
                    }
                },
            };
            let mut existing = None;
            for id in self.store.resolve(Kind::Framework, &draft.code)? {
                if let Some(row) = self.store.get(Kind::Framework, &id)?.filter(|r| !r.deleted) {
                    existing = Some(row);
                    break;
                }
            }
            // Structs of strings and lists: writing them as JSON cannot fail.
            let input: Input = [
                ("code".to_owned(), draft.code.clone()),
                ("name".to_owned(), draft.name.clone()),
                ("scale".to_owned(), serde_json::to_string(&scale).expect("a scale is plain data")),
                ("domains".to_owned(), serde_json::to_string(&draft.domains).expect("domains are plain data")),
            ]
            .into_iter()
            .collect();
            match self.prepare(Kind::Framework, &input, existing.as_ref())? {
                Ok(record) => {
                    if record.is_new {
                        created += 1;
                    } else {
                        updated += 1;
                    }
                    prepared.push(record);
                }
                Err(refused) => {
                    for p in refused.0 {
                        let column = if p.field == "name" { "name" } else { "code" };
                        found.add(draft.first_line, column, p);
                    }
                }
            }
        }
        Ok((prepared, created, updated))
    }
}

/// The frameworks the rows build, in the order their codes first appear;
/// a row missing a cell, or naming a competency code twice, is a problem.
fn drafts(table: &Table, found: &mut Found) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    for (line, cells) in &table.rows {
        let line = *line;
        let columns = found.columns;
        let mut cell = |column: &str| {
            let value = columns.get(column, cells);
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
            if value.is_none() {
                found.add(line, column, Problem::new(column, ProblemCode::Required, ""));
            }
            value
        };
        let (code, name) = (cell("code"), cell("name"));
        let (domain, competency_code, competency, criterion) =
            (cell("domain"), cell("competency_code"), cell("competency"), cell("criterion"));
        let critical_text = columns.get("critical", cells).unwrap_or_default();
        let critical = parse_critical(&critical_text).unwrap_or_else(|| {
            let unknown = Problem::new("critical", ProblemCode::UnknownValue, critical_text.as_ref());
            found.add(line, "critical", unknown.with("allowed", "oui, non"));
            false
        });
        let (Some(code), Some(name), Some(domain), Some(competency_code), Some(competency), Some(criterion)) =
            (code, name, domain, competency_code, competency, criterion)
        else {
            continue;
        };
        let index = match drafts.iter().position(|d| d.code.eq_ignore_ascii_case(&code)) {
            Some(index) => index,
            None => {
                drafts.push(Draft { code, name, first_line: line, scale: None, domains: Vec::new() });
                drafts.len() - 1
            }
        };
        let draft = &mut drafts[index];
        if draft.scale.is_none()
            && let Some(levels) = columns.get("levels", cells).filter(|l| !l.trim().is_empty())
        {
            let pass = columns.get("pass_level", cells).map(|p| p.into_owned());
            draft.scale = Some((line, levels.into_owned(), pass));
        }
        let row = CriterionRow { domain, competency_code, competency, criterion, critical };
        if let Some(problem) = draft.add(row) {
            found.add(line, "competency_code", problem);
        }
    }
    drafts
}

impl Draft {
    /// Files a criterion under its domain and competency, creating them
    /// as they first appear; a competency code used for another name, or
    /// in another domain, is refused.
    fn add(&mut self, row: CriterionRow) -> Option<Problem> {
        let framework_slug = slug(&self.code);
        let domain_index = match self.domains.iter().position(|d| d.name == row.domain) {
            Some(i) => i,
            None => {
                self.domains.push(Domain {
                    id: format!("{framework_slug}-d{}", self.domains.len() + 1),
                    name: row.domain,
                    competencies: Vec::new(),
                });
                self.domains.len() - 1
            }
        };
        let competency_id = format!("{framework_slug}-{}", slug(&row.competency_code));
        let elsewhere = self
            .domains
            .iter()
            .enumerate()
            .any(|(i, d)| i != domain_index && d.competencies.iter().any(|c| c.id == competency_id));
        let taken = || Some(Problem::new("competency_code", ProblemCode::AlreadyExists, row.competency_code.as_str()));
        let domain = &mut self.domains[domain_index];
        match domain.competencies.iter_mut().find(|c| c.id == competency_id) {
            Some(existing) if existing.name != row.competency => return taken(),
            Some(existing) => {
                let id = format!("{competency_id}-{}", existing.criteria.len() + 1);
                existing.criteria.push(Criterion { id, text: row.criterion, critical: row.critical });
            }
            None if elsewhere => return taken(),
            None => domain.competencies.push(Competency {
                criteria: vec![Criterion {
                    id: format!("{competency_id}-1"),
                    text: row.criterion,
                    critical: row.critical,
                }],
                id: competency_id,
                code: row.competency_code,
                name: row.competency,
            }),
        }
        None
    }
}

/// "À améliorer; Exécuté correctement; Maîtrisé" and the pass level (a
/// label or a code; the second level when none is given).
fn scale_from_text(levels: &str, pass: Option<&str>) -> Result<RatingScale, Problem> {
    let labels: Vec<&str> = levels.split([';', '|', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut scale_levels: Vec<ScaleLevel> = Vec::new();
    for label in &labels {
        let code = slug(label);
        if code.is_empty() || code == NOT_OBSERVED || scale_levels.iter().any(|l| l.code == code) {
            return Err(Problem::new("levels", ProblemCode::UnknownValue, *label));
        }
        scale_levels.push(ScaleLevel { code, label: (*label).to_owned() });
    }
    if scale_levels.len() < 2 {
        return Err(Problem::new("levels", ProblemCode::Required, levels));
    }
    let pass_level = match pass.map(str::trim).filter(|p| !p.is_empty()) {
        None => scale_levels[1].code.clone(),
        Some(wanted) => {
            match scale_levels.iter().find(|l| l.code == slug(wanted) || fold_code(&l.label) == fold_code(wanted)) {
                Some(level) => level.code.clone(),
                None => {
                    let allowed = labels.join(", ");
                    return Err(Problem::new("pass_level", ProblemCode::UnknownValue, wanted).with("allowed", allowed));
                }
            }
        }
    };
    Ok(RatingScale { levels: scale_levels, not_observed: NOT_OBSERVED.into(), pass_level })
}

#[cfg(test)]
mod tests {
    use crate::app::Binome;
    use crate::import::{ImportKind, ImportOptions};
    use crate::sheet::read_csv;
    use binome_domain::Kind;
    use binome_store::DeviceRole;

    const HEADER: &str = "Code;Nom;Domaine;Code compétence;Compétence;Critère;Critique;Échelle;Niveau de réussite\n";

    fn store() -> Binome {
        let mut b = Binome::open_in_memory().unwrap();
        b.init("Coordination", "Awa", DeviceRole::Coordinator).unwrap();
        b
    }

    fn import(b: &mut Binome, body: &str) -> Result<crate::import::ImportReport, crate::CoreError> {
        let table = read_csv(format!("{HEADER}{body}").as_bytes()).unwrap();
        b.import_table(ImportKind::Frameworks, &table, "ref.csv", &ImportOptions::default())
    }

    #[test]
    fn rows_become_one_framework_with_its_scale_and_critical_criteria() {
        let mut b = store();
        let report = import(
            &mut b,
            "REF-HPP;Hémorragie;Prise en charge;HPP1;Reconnaître;Estime les pertes;oui;\"Insuffisant; Acquis; Expert\";Acquis\n\
             REF-HPP;Hémorragie;Prise en charge;HPP1;Reconnaître;Appelle à l'aide;non;;\n\
             REF-HPP;Hémorragie;Suivi;HPP2;Surveiller;Prend le pouls;x;;\n",
        )
        .unwrap();
        assert!(report.written);
        assert_eq!(report.created, 1);
        let id = b.resolve(Kind::Framework, "REF-HPP").unwrap();
        let framework = b.framework(&id).unwrap();
        assert_eq!(
            framework.scale.levels.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(),
            ["Insuffisant", "Acquis", "Expert"]
        );
        assert_eq!(framework.scale.pass_level, "acquis");
        assert_eq!(framework.domains.len(), 2);
        let hpp1 = framework.competency("HPP1").unwrap();
        assert_eq!(hpp1.criteria.len(), 2);
        assert!(hpp1.criteria[0].critical && !hpp1.criteria[1].critical);
        assert!(framework.competency("HPP2").unwrap().criteria[0].critical);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_column_and_nothing_is_written() {
        let mut b = store();
        let refused = import(
            &mut b,
            "REF-X;Ref X;Domaine;C1;Compétence;;oui;;\n\
             REF-X;Ref X;Domaine;C1;Autre nom;Critère;peut-être;;\n\
             REF-X;Ref X;Domaine;C2;Compétence 2;Critère;non;\"A; B\";Z\n",
        )
        .unwrap_err();
        let crate::CoreError::Import(crate::import::ImportError::Rows { report }) = refused else {
            panic!("{refused:?}")
        };
        let found: Vec<(usize, &str)> = report.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
        assert!(found.contains(&(2, "Critère")), "{found:?}");
        assert!(found.contains(&(3, "Critique")), "{found:?}");
        assert!(found.contains(&(4, "Niveau de réussite")), "{found:?}");
        assert!(b.list(Kind::Framework, &Default::default()).unwrap().is_empty(), "nothing written");
    }

    #[test]
    fn a_second_import_revises_the_framework_and_keeps_its_competency_ids() {
        let mut b = store();
        import(&mut b, "REF-Y;Ref Y;D;C1;Comp;Critère 1;oui;;\n").unwrap();
        let id = b.resolve(Kind::Framework, "REF-Y").unwrap();
        let before = b.framework(&id).unwrap().competency("C1").unwrap().id.clone();
        let report = import(
            &mut b,
            "REF-Y;Ref Y révisé;D;C1;Comp;Critère 1;oui;;\nREF-Y;Ref Y révisé;D;C1;Comp;Critère 2;non;;\n",
        )
        .unwrap();
        assert_eq!((report.created, report.updated), (0, 1));
        let after = b.framework(&id).unwrap();
        assert_eq!(after.name, "Ref Y révisé");
        assert_eq!(after.competency("C1").unwrap().id, before);
        assert_eq!(after.competency("C1").unwrap().criteria.len(), 2);
    }
}
