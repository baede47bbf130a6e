//! Numbers and amounts as each language writes them, from CLDR's data through ICU4X
//! (`icu_decimal`): `1,234.5` in English, `1 234,5` in French, `1.234,5` in German, `1234,5` in
//! Spanish (which groups only from five digits). Built once per language.
use super::Lang;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use std::sync::OnceLock;

/// The CLDR locale whose conventions a language's readers follow. English is written the British
/// way (day before month, 24-hour clock): the co-ops this portal serves are European and Canadian.
pub fn locale(lang: Lang) -> icu_locale_core::Locale {
    use icu_locale_core::locale;
    match lang {
        Lang::En => locale!("en-GB"),
        Lang::Fr => locale!("fr"),
        Lang::De => locale!("de"),
        Lang::Es => locale!("es"),
    }
}

fn formatter(lang: Lang) -> Option<&'static DecimalFormatter> {
    static FORMATTERS: [OnceLock<Option<DecimalFormatter>>; 4] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    FORMATTERS[lang as usize]
        .get_or_init(|| DecimalFormatter::try_new((&locale(lang)).into(), Default::default()).ok())
        .as_ref()
}

/// A whole number: `12.345` in German.
pub fn integer(lang: Lang, n: i64) -> String {
    decimal(lang, Decimal::from(n))
}

/// `minor` units with `digits` decimals (an amount of money): 1050 with 2 digits is `10,50` in
/// French. The digits are kept as given, never rounded.
pub fn minor_units(lang: Lang, minor: i64, digits: u32) -> String {
    let mut value = Decimal::from(minor);
    let digits = i16::try_from(digits).unwrap_or(0);
    value.absolute.multiply_pow10(-digits);
    value.absolute.pad_end(-digits);
    decimal(lang, value)
}

fn decimal(lang: Lang, value: Decimal) -> String {
    match formatter(lang) {
        Some(f) => f.format(&value).to_string(),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_numbers_its_way() {
        let n = 1_234_567;
        let written: Vec<String> = Lang::ALL.iter().map(|l| integer(*l, n)).collect();
        assert_eq!(written, ["1,234,567", "1\u{202f}234\u{202f}567", "1.234.567", "1.234.567"]);
        assert_eq!(integer(Lang::Es, 1234), "1234", "Spanish groups from five digits");
        assert_eq!(minor_units(Lang::De, 123_450, 2), "1.234,50");
        assert_eq!(minor_units(Lang::En, 1_000, 2), "10.00", "the cents stay");
        assert_eq!(minor_units(Lang::Fr, -250, 2), "-2,50");
        assert_eq!(minor_units(Lang::En, 1_500, 0), "1,500", "yen have no decimals");
        assert_eq!(minor_units(Lang::En, 1_250, 3), "1.250", "three decimals for dinars");
    }
}
