//! Small-cell suppression for aggregates that leave the programme (a
//! donor's workbook): a group of fewer than [`MIN_SHOWN`] people is not
//! described, nor is a second group when a single hidden one could be
//! recomputed from the total and the groups shown. The national DHIS2
//! keeps exact values.

/// Groups of fewer people than this are hidden ("< 5").
pub const MIN_SHOWN: u64 = 5;

/// Whether figures leave exact or with small groups hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Disclosure {
    /// Every figure as computed (DHIS2, the coordinator's own analysis).
    Exact,
    /// Groups of fewer than five people hidden, with what would reveal them.
    #[default]
    SmallGroupsHidden,
}

fn small(people: u64) -> bool {
    people > 0 && people < MIN_SHOWN
}

/// Which groups (by the number of people in each) to hide, and whether
/// the total is hidden too. When exactly one group is small, the smallest
/// group shown is hidden with it: otherwise total minus the others gives
/// it back.
pub fn hidden_groups(groups: &[u64], total: u64) -> (Vec<bool>, bool) {
    let mut hidden: Vec<bool> = groups.iter().map(|&people| small(people)).collect();
    let total_hidden = small(total);
    if !total_hidden && hidden.iter().filter(|&&h| h).count() == 1 {
        let next = groups.iter().enumerate().filter(|(i, _)| !hidden[*i]).min_by_key(|(_, people)| **people);
        if let Some((i, _)) = next {
            hidden[i] = true;
        }
    }
    (hidden, total_hidden)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_small_group_takes_the_smallest_other_with_it() {
        // Women 3, men 40: total 43 - 40 would give the three back.
        assert_eq!(hidden_groups(&[3, 40], 43), (vec![true, true], false));
        assert_eq!(hidden_groups(&[3, 12, 40], 55), (vec![true, true, false], false));
    }

    #[test]
    fn two_small_groups_protect_each_other_and_large_ones_show() {
        assert_eq!(hidden_groups(&[2, 4, 30], 36), (vec![true, true, false], false));
        assert_eq!(hidden_groups(&[5, 30], 35), (vec![false, false], false));
        // Nobody is no one to protect.
        assert_eq!(hidden_groups(&[0, 30], 30), (vec![false, false], false));
    }

    #[test]
    fn a_small_total_is_hidden_with_its_groups() {
        assert_eq!(hidden_groups(&[1, 3], 4), (vec![true, true], true));
        assert_eq!(hidden_groups(&[], 2), (vec![], true));
    }

    proptest::proptest! {
        /// Whatever the groups, no hidden group is alone among visible
        /// ones under a visible total, and every small group is hidden.
        #[test]
        fn no_small_group_can_be_recomputed(groups in proptest::collection::vec(0u64..12, 0..8)) {
            let total: u64 = groups.iter().sum();
            let (hidden, total_hidden) = hidden_groups(&groups, total);
            for (i, &people) in groups.iter().enumerate() {
                proptest::prop_assert!(!small(people) || hidden[i] || total_hidden);
            }
            let count = hidden.iter().filter(|&&h| h).count();
            proptest::prop_assert!(total_hidden || count != 1 || groups.len() == 1);
        }
    }
}
