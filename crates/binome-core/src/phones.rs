//! Phone numbers in the international form, read with the programme's
//! country: `66 12 34 56` in a Chad programme is `+235 66 12 34 56`. The
//! rules of each country's numbering plan are libphonenumber's, through the
//! `phonenumber` crate (its metadata is the one Android and Google use,
//! kept current with the plans' changes): never hand-written here.

use phonenumber::country::Id;
use phonenumber::{Mode, PhoneNumber};
use std::str::FromStr;

/// Why a phone number was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneRefusal {
    /// Not a number of `country`'s plan (nor international).
    Invalid { country: Option<String> },
}

/// The number in international form ("+235 66 12 34 56"), or the reason
/// it is refused. Without a country, only numbers written with their `+`
/// country code can be read.
pub fn international(raw: &str, country: Option<&str>) -> Result<String, PhoneRefusal> {
    let region = country.and_then(|c| Id::from_str(&c.trim().to_uppercase()).ok());
    let refused = || PhoneRefusal::Invalid { country: country.map(str::to_owned) };
    let trimmed = raw.trim();
    // "00235…" is how numbers are dialled abroad from most of Africa.
    let written = match trimmed.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => trimmed.to_owned(),
    };
    let number: PhoneNumber = phonenumber::parse(region, &written).map_err(|_| refused())?;
    if !phonenumber::is_valid(&number) {
        return Err(refused());
    }
    Ok(number.format().mode(Mode::International).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_numbers_take_the_programme_s_country_code() {
        assert_eq!(international("66 12 34 56", Some("TD")).as_deref(), Ok("+235 66 12 34 56"));
        assert_eq!(international("66123456", Some("TD")).as_deref(), Ok("+235 66 12 34 56"));
        assert_eq!(international("+235 99 00 11 22", Some("TD")).as_deref(), Ok("+235 99 00 11 22"));
        assert_eq!(international("00235 66 22 33 44", None).as_deref(), Ok("+235 66 22 33 44"));
        assert_eq!(international("622 12 34 56", Some("GN")).as_deref(), Ok("+224 622 12 34 56"));
        assert_eq!(international("06 12 34 56 78", Some("FR")).as_deref(), Ok("+33 6 12 34 56 78"));
    }

    #[test]
    fn numbers_that_no_plan_allows_are_refused() {
        assert!(international("12", Some("TD")).is_err());
        assert!(international("66 12 34", Some("TD")).is_err());
        assert!(international("appeler le service", Some("TD")).is_err());
        assert!(international("66 12 34 56", None).is_err(), "no country, no code: nothing to read it with");
    }
}
