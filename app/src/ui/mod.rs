//! Components every feature's pages share: form fields with their errors, notices, headings, the
//! page's address. The frame around a page is the pages layer's (`crate::pages`).
pub mod address;
mod awaited;
pub mod brand;
mod form;
mod heading;
mod notice;
mod read;
pub mod typed;

pub use address::Redirect;
pub use awaited::awaited;
pub use brand::{brand, site_name};
pub use form::{Check, Field, FieldMessage, FormError, PostForm, Submit, carried_error, form_error, refusal_of};
pub use heading::{PageHeading, refused_form};
pub use notice::Notice;
pub use read::read;

use crate::i18n::Lang;

/// A share in tenths of a percent as the reader's language writes it, CLDR's way: `99.5%` in
/// English, `99,5 %` in German and Spanish (a no-break space), `99,5 %` in French (a narrow
/// no-break space). Written on the server, as amounts are (`Money::written`).
pub fn percent(lang: Lang, tenths: i64) -> String {
    #[cfg(feature = "ssr")]
    let number = crate::i18n::numbers::minor_units(lang, tenths, 1);
    #[cfg(not(feature = "ssr"))]
    let number = {
        let (sign, abs) = (if tenths < 0 { "-" } else { "" }, tenths.unsigned_abs());
        format!("{sign}{}.{}", abs / 10, abs % 10)
    };
    let sign = match lang {
        Lang::En => "%",
        Lang::Fr => "\u{202f}%",
        Lang::De | Lang::Es => "\u{a0}%",
    };
    format!("{number}{sign}")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_is_written_the_readers_way() {
        let written: Vec<String> = Lang::ALL.iter().map(|l| percent(*l, 1000)).collect();
        assert_eq!(written, ["100.0%", "100,0\u{202f}%", "100,0\u{a0}%", "100,0\u{a0}%"]);
        assert_eq!(percent(Lang::De, 995), "99,5\u{a0}%");
        assert_eq!(percent(Lang::En, 0), "0.0%", "the tenth stays");
    }
}
