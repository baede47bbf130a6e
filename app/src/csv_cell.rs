//! A text cell of a CSV file that people open in a spreadsheet. A cell starting with `=`, `+`, `-`
//! or `@` (or a tab or carriage return, which some spreadsheets skip before one) is read there as a
//! formula: a member named `=HYPERLINK(…)` would run in the treasurer's sheet. Such a cell gets a
//! leading `'`, OWASP's advice for CSV injection, which spreadsheets show as plain text. Only cells
//! of text people typed go through here; amounts the portal writes stay numbers.
use std::borrow::Cow;

/// What a spreadsheet reads as the start of a formula, the full-width forms too.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `value` as a cell a spreadsheet shows as text.
pub fn text(value: &str) -> Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{value}")) } else { Cow::Borrowed(value) }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn cells_that_start_a_formula_are_written_as_text() {
        for live in ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "＝1"] {
            assert_eq!(text(live), format!("'{live}"), "{live:?}");
        }
        for plain in ["Ann", "", "a=b", "'quoted", "1-2"] {
            assert_eq!(text(plain), plain);
        }
    }
}
