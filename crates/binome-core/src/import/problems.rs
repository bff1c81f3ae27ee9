//! The problems of a sheet's rows, kept within bounds: a hostile or
//! hopeless file of a million wrong rows must not take a million problems'
//! memory. Every problem is counted; the first ones are kept to show, and
//! those about values a choice could fix are grouped as they come.

use super::RowProblem;
use super::professions::ProfessionIndex;
use super::report::ValueGroup;
use super::values::{FacilityIndex, group_of, is_mappable, suggest, value_key};
use std::collections::HashMap;

/// Problems kept to show; the others are counted.
pub const PROBLEMS_KEPT: usize = 5_000;
/// Distinct unknown values grouped; a list with more is not one to map
/// value by value.
pub const GROUPS_KEPT: usize = 1_000;
/// Lines kept for each group.
pub const LINES_KEPT_PER_GROUP: usize = 500;

#[derive(Debug, Default)]
pub(crate) struct ProblemLog {
    kept: Vec<RowProblem>,
    total: usize,
    lines_in_error: usize,
    last_line: Option<usize>,
    groups: Vec<ValueGroup>,
    /// (field, folded value) → index in `groups`.
    group_of_value: HashMap<(String, String), usize>,
}

impl ProblemLog {
    /// Notes one problem; a sheet's rows come in line order.
    pub(crate) fn push(&mut self, problem: RowProblem) {
        self.total += 1;
        if self.last_line != Some(problem.line) {
            self.lines_in_error += 1;
            self.last_line = Some(problem.line);
        }
        if is_mappable(&problem.problem.field, problem.problem.code) {
            let key = (problem.problem.field.clone(), value_key(&problem.problem.value));
            let index = match self.group_of_value.get(&key) {
                Some(index) => Some(*index),
                None if self.groups.len() < GROUPS_KEPT => {
                    self.groups.push(group_of(&problem));
                    self.group_of_value.insert(key, self.groups.len() - 1);
                    Some(self.groups.len() - 1)
                }
                None => None,
            };
            if let Some(group) = index.map(|i| &mut self.groups[i]) {
                group.count += 1;
                if group.lines.len() < LINES_KEPT_PER_GROUP {
                    group.lines.push(problem.line as u32);
                }
            }
        }
        if self.kept.len() < PROBLEMS_KEPT {
            self.kept.push(problem);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The problems kept, how many there were, on how many lines, and the
    /// groups of unknown values, most frequent first, each with a close
    /// known value to propose.
    pub(crate) fn finish(
        self,
        facilities: &FacilityIndex,
        professions: &ProfessionIndex,
    ) -> (Vec<RowProblem>, usize, usize, Vec<ValueGroup>) {
        let mut groups = self.groups;
        for group in &mut groups {
            suggest(group, facilities, professions);
        }
        groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.field.cmp(&b.field)).then(a.value.cmp(&b.value)));
        (self.kept, self.total, self.lines_in_error, groups)
    }
}
