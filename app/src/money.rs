//! Money as integer minor units of an ISO 4217 currency, never floating point, read exactly from
//! text.
use serde::{Deserialize, Serialize};

/// An amount of one currency, in its minor units (cents for EUR, yen for JPY).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    /// ISO 4217, upper case: `EUR`, `CAD`.
    pub currency: String,
}

/// Digits after the decimal point in `currency` (ISO 4217's minor unit).
pub fn exponent(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "VND" | "VUV"
        | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// A valid currency code: three ASCII capitals.
pub fn currency(text: &str) -> Option<String> {
    let code = text.trim().to_ascii_uppercase();
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())).then_some(code)
}

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// Not a number of this currency: letters, too many decimals (never rounded), no currency.
    Invalid,
    /// Readable two ways: `1,234` (a thousand, or one and a bit), `1.234,50`, `1,234.50`.
    Ambiguous,
}

impl Money {
    /// Reads `12`, `12.5` and `12,5` exactly, the decimal sign a point or a comma as the reader's
    /// language writes it. Grouped thousands (`1,234.50`, `1.234,50`) and a lone separator before
    /// three digits (`1,234`) read two ways and are refused, never guessed; more decimals than the
    /// currency has is refused, never rounded.
    pub fn read(text: &str, currency: &str) -> Result<Money, Unread> {
        let currency = self::currency(currency).ok_or(Unread::Invalid)?;
        let digits = exponent(&currency) as usize;
        let text = text.trim();
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if !body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
            return Err(Unread::Invalid);
        }
        let separators: Vec<(usize, char)> = body.char_indices().filter(|(_, c)| *c == '.' || *c == ',').collect();
        let (whole, fraction) = match separators.as_slice() {
            [] => (body, ""),
            [(at, sign)] => {
                let fraction = &body[at + 1..];
                // Three digits after the only separator read as a thousand too, unless it is a
                // point in a currency that has three decimals.
                if fraction.len() == 3 && !(*sign == '.' && digits == 3) {
                    return Err(Unread::Ambiguous);
                }
                (&body[..*at], fraction)
            }
            _ => return Err(Unread::Ambiguous),
        };
        if whole.is_empty() || fraction.len() > digits || (fraction.is_empty() && !separators.is_empty()) {
            return Err(Unread::Invalid);
        }
        let scale = 10_i64.checked_pow(digits as u32).ok_or(Unread::Invalid)?;
        let padded = format!("{fraction:0<digits$}");
        let minor = whole
            .parse::<i64>()
            .ok()
            .and_then(|w| w.checked_mul(scale))
            .and_then(|w| w.checked_add(if digits == 0 { 0 } else { padded.parse::<i64>().ok()? }))
            .ok_or(Unread::Invalid)?;
        Ok(Money { minor: if negative { -minor } else { minor }, currency })
    }

    /// As [`Money::read`], without saying why not.
    pub fn parse(text: &str, currency: &str) -> Option<Money> {
        Money::read(text, currency).ok()
    }
}

impl Money {
    /// The amount as decimal text without its currency: `-1234.50`, `500`.
    pub fn decimal(&self) -> String {
        let digits = exponent(&self.currency) as usize;
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10_u64.pow(digits as u32);
        format!("{sign}{}.{:0digits$}", abs / scale, abs % scale)
    }
}

impl Money {
    /// The amount as the reader's language writes numbers, then its currency: `1.234,50 EUR` in
    /// German. Pages and mail are written on the server; the browser never formats an amount.
    pub fn written(&self, lang: crate::i18n::Lang) -> String {
        #[cfg(feature = "ssr")]
        let amount = crate::i18n::numbers::minor_units(lang, self.minor, exponent(&self.currency));
        #[cfg(not(feature = "ssr"))]
        let amount = {
            let _ = lang;
            self.decimal()
        };
        format!("{amount} {}", self.currency)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.decimal(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_exactly_in_minor_units() {
        let m = |t: &str, c: &str| Money::parse(t, c).map(|m| m.minor);
        assert_eq!(m("25.00", "EUR"), Some(2500));
        assert_eq!(m("25.5", "eur"), Some(2550));
        assert_eq!(m("-1234.50", "CAD"), Some(-123_450));
        assert_eq!(m("0.1", "EUR"), Some(10), "no floating point: 0.1 is ten cents");
        assert_eq!(m("500", "JPY"), Some(500));
        assert_eq!(m("1.5", "JPY"), None, "yen have no minor unit");
        assert_eq!(m("1.234", "KWD"), Some(1234));
        assert_eq!(m("2.005", "EUR"), None, "never rounded");
        for bad in ["", "abc", "1.2.3", "--1", "1e3", "1.", ",5", "1 000"] {
            assert_eq!(m(bad, "EUR"), None, "{bad}");
        }
        assert_eq!(Money::parse("1", "EURO"), None);
        assert_eq!(Money { minor: -123_450, currency: "CAD".into() }.to_string(), "-1234.50 CAD");
        assert_eq!(Money { minor: 500, currency: "JPY".into() }.to_string(), "500 JPY");
    }

    #[test]
    fn a_decimal_comma_is_read_and_the_ambiguous_forms_are_refused() {
        let read = |t: &str, c: &str| Money::read(t, c).map(|m| m.minor);
        assert_eq!(read("25,50", "EUR"), Ok(2550), "not 2550.00");
        assert_eq!(read("25,5", "EUR"), Ok(2550));
        assert_eq!(read("-0,10", "EUR"), Ok(-10));
        assert_eq!(read("1,234", "KWD"), Err(Unread::Ambiguous), "a comma before three digits reads as a thousand too");
        assert_eq!(read("1.234", "KWD"), Ok(1234), "a point is a decimal point in a three-decimal currency");
        for ambiguous in ["1,234", "1.234", "1.234,5", "1,234.50", "1,234,567", "12,500"] {
            assert_eq!(read(ambiguous, "EUR"), Err(Unread::Ambiguous), "{ambiguous}");
        }
        assert_eq!(read("2,005", "EUR"), Err(Unread::Ambiguous));
        assert_eq!(read("2,0051", "EUR"), Err(Unread::Invalid), "never rounded");
        assert_eq!(read("1,5", "JPY"), Err(Unread::Invalid), "yen have no minor unit");
        assert_eq!(read("10", "EURO"), Err(Unread::Invalid));
    }
}

/// What the module promises, over random amounts: the decimal text of an amount reads back to it,
/// text is read exactly or refused (never rounded, never guessed), and nothing wraps past i64.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Currencies of each minor unit: none (JPY, CLP), two (EUR, CAD), three (KWD, BHD).
    fn currencies() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["EUR", "CAD", "JPY", "CLP", "KWD", "BHD"])
    }

    proptest! {
        /// i64::MIN is left out: it has no positive counterpart, so no text reads as it.
        #[test]
        fn every_amount_reads_back_from_its_decimal(minor in (i64::MIN + 1)..=i64::MAX, currency in currencies()) {
            let money = Money { minor, currency: currency.to_string() };
            prop_assert_eq!(Money::read(&money.decimal(), currency), Ok(money.clone()));
            prop_assert_eq!(money.to_string(), format!("{} {currency}", money.decimal()));
        }

        #[test]
        fn a_written_amount_is_read_exactly_or_refused(
            whole in 0_i64..1_000_000_000_000,
            fraction in "[0-9]{1,3}",
            comma in any::<bool>(),
            negative in any::<bool>(),
            currency in currencies(),
        ) {
            let digits = exponent(currency) as usize;
            let text = format!("{}{whole}{}{fraction}", if negative { "-" } else { "" }, if comma { ',' } else { '.' });
            let read = Money::read(&text, &currency.to_lowercase());
            if fraction.len() == 3 && (comma || digits != 3) {
                prop_assert_eq!(read, Err(Unread::Ambiguous), "{}", text);
            } else if fraction.len() > digits {
                prop_assert_eq!(read, Err(Unread::Invalid), "{} is never rounded", text);
            } else {
                let cents = fraction.parse::<i64>().unwrap() * 10_i64.pow((digits - fraction.len()) as u32);
                let minor = whole * 10_i64.pow(digits as u32) + cents;
                let minor = if negative { -minor } else { minor };
                prop_assert_eq!(read, Ok(Money { minor, currency: currency.to_string() }), "{}", text);
            }
        }

        #[test]
        fn an_amount_past_i64_is_refused_never_wrapped(text in "[1-9][0-9]{14,24}", currency in currencies()) {
            let value = text.parse::<u128>().unwrap() * 10_u128.pow(exponent(currency));
            let read = Money::read(&text, currency);
            if value > i64::MAX as u128 {
                prop_assert_eq!(read, Err(Unread::Invalid));
            } else {
                prop_assert_eq!(read.map(|m| m.minor as u128), Ok(value));
            }
        }
    }
}
