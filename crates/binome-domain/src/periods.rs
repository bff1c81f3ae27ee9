//! Reporting periods as DHIS2 names them: `202311` (month), `2023Q4`
//! (quarter), `2023S2` (six months), `2023` (year) in dataValueSets, and
//! `2023-10-01/P3M` in ADX. A period also gives the dates it covers, so
//! indicators are computed for exactly that span.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    SixMonths { year: i32, half: u32 },
    Year { year: i32 },
}

impl Period {
    /// Reads a DHIS2 period code.
    pub fn parse(code: &str) -> Option<Period> {
        let code = code.trim();
        let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y));
        if let Some((y, q)) = code.split_once('Q') {
            let quarter = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            return Some(Period::Quarter { year: year(y)?, quarter });
        }
        if let Some((y, h)) = code.split_once('S') {
            let half = h.parse().ok().filter(|h| (1..=2).contains(h))?;
            return Some(Period::SixMonths { year: year(y)?, half });
        }
        match code.len() {
            4 => Some(Period::Year { year: year(code)? }),
            6 if code.chars().all(|c| c.is_ascii_digit()) => {
                let month = code[4..].parse().ok().filter(|m| (1..=12).contains(m))?;
                Some(Period::Month { year: year(&code[..4])?, month })
            }
            _ => None,
        }
    }

    /// The code DHIS2's dataValueSets use.
    pub fn dhis2(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year}{month:02}"),
            Period::Quarter { year, quarter } => format!("{year}Q{quarter}"),
            Period::SixMonths { year, half } => format!("{year}S{half}"),
            Period::Year { year } => format!("{year}"),
        }
    }

    /// The first day and the length in months.
    fn start_and_months(self) -> (i32, u32, u32) {
        match self {
            Period::Month { year, month } => (year, month, 1),
            Period::Quarter { year, quarter } => (year, (quarter - 1) * 3 + 1, 3),
            Period::SixMonths { year, half } => (year, (half - 1) * 6 + 1, 6),
            Period::Year { year } => (year, 1, 12),
        }
    }

    /// The ADX form: start date and ISO 8601 duration.
    pub fn adx(self) -> String {
        let (year, month, months) = self.start_and_months();
        let duration = if months == 12 { "P1Y".to_owned() } else { format!("P{months}M") };
        format!("{year:04}-{month:02}-01/{duration}")
    }

    /// The first and last days covered.
    pub fn dates(self) -> (NaiveDate, NaiveDate) {
        let (year, month, months) = self.start_and_months();
        let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a period starts on a real day");
        let end_month = month + months;
        let next = if end_month > 12 {
            NaiveDate::from_ymd_opt(year + 1, end_month - 12, 1)
        } else {
            NaiveDate::from_ymd_opt(year, end_month, 1)
        }
        .expect("a period ends on a real day");
        (first, next.pred_opt().expect("a day before exists"))
    }

    /// The month period a date falls in.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::Month { year: date.year(), month: date.month() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_period_type_reads_and_writes_both_forms() {
        let cases = [
            ("202311", "2023-11-01/P1M", (d(2023, 11, 1), d(2023, 11, 30))),
            ("2023Q4", "2023-10-01/P3M", (d(2023, 10, 1), d(2023, 12, 31))),
            ("2024Q1", "2024-01-01/P3M", (d(2024, 1, 1), d(2024, 3, 31))),
            ("2023S2", "2023-07-01/P6M", (d(2023, 7, 1), d(2023, 12, 31))),
            ("2023", "2023-01-01/P1Y", (d(2023, 1, 1), d(2023, 12, 31))),
            ("202402", "2024-02-01/P1M", (d(2024, 2, 1), d(2024, 2, 29))),
        ];
        for (code, adx, dates) in cases {
            let period = Period::parse(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(period.dhis2(), code);
            assert_eq!(period.adx(), adx, "{code}");
            assert_eq!(period.dates(), dates, "{code}");
        }
    }

    #[test]
    fn malformed_codes_are_refused() {
        for code in ["202313", "2023Q5", "2023S3", "23", "2023W44x", "abcd", ""] {
            assert_eq!(Period::parse(code), None, "{code}");
        }
        assert_eq!(Period::month_of(d(2019, 3, 5)).dhis2(), "201903");
    }
}
