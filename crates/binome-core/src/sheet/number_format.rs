//! What an Excel number format does to the number it shows. A cell
//! formatted as a percentage holds a fraction (0.75) and shows "75 %": read
//! as its number, a post-test typed "75 %" became a score of 0.75.

/// Whether `code` shows its number times a hundred: an unquoted `%` in the
/// section for positive numbers (`0%`, `0.0 %`), as Excel scales it. A
/// quoted or escaped one (`0" %"`, `0\%`) is only a character shown, and a
/// colour or a condition in brackets holds none.
pub fn shows_percentage(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => return true,
            ';' => return false,
            '"' => {
                for quoted in chars.by_ref() {
                    if quoted == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for bracketed in chars.by_ref() {
                    if bracketed == ']' {
                        break;
                    }
                }
            }
            // The next character is shown as it is (`\%`), padding (`_)`)
            // or repeated to fill the cell (`*-`).
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => {}
        }
    }
    false
}

/// A fraction as its percent-formatted cell shows it: 0.755 → "75,5 %".
/// The product is rounded to nine decimals, where binary fractions
/// stray (0.29 × 100 is 28.999999999999996).
pub fn percentage_text(fraction: f64) -> String {
    let percent = (fraction * 100.0 * 1e9).round() / 1e9;
    format!("{} %", super::workbook::number_text(percent))
}

#[cfg(test)]
mod tests {
    use super::{percentage_text, shows_percentage};

    #[test]
    fn a_percent_sign_scales_only_where_excel_scales_it() {
        for scaled in ["0%", "0.00%", "0.0 %", "#,##0%", "[Red]0%", "0%;[Red]-0%", "0 \"pts\" %"] {
            assert!(shows_percentage(scaled), "{scaled}");
        }
        for shown_only in ["General", "0", "0.00", "0\" %\"", "0\\%", "0_%", "0*%", "[$%-40C]0", "0;-0%", ""] {
            assert!(!shows_percentage(shown_only), "{shown_only}");
        }
    }

    #[test]
    fn a_fraction_reads_as_the_percentage_the_cell_shows() {
        assert_eq!(percentage_text(0.75), "75 %");
        assert_eq!(percentage_text(0.755), "75,5 %");
        assert_eq!(percentage_text(0.29), "29 %");
        assert_eq!(percentage_text(1.0), "100 %");
        assert_eq!(percentage_text(0.0), "0 %");
    }
}
