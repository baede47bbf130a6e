//! Money as integer minor units of an ISO 4217 currency (never floating point), and what an import
//! reports.
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

impl Money {
    /// Reads `12`, `12.5`, `-1,234.50` exactly: more decimals than the currency has is refused,
    /// never rounded.
    pub fn parse(text: &str, currency: &str) -> Option<Money> {
        let currency = self::currency(currency)?;
        let digits = exponent(&currency) as usize;
        let text = text.trim().replace(',', "");
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, text),
        };
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if fraction.len() > digits {
            return None;
        }
        let scale = 10_i64.checked_pow(digits as u32)?;
        let padded = format!("{fraction:0<digits$}");
        let minor = whole.parse::<i64>().ok()?.checked_mul(scale)?.checked_add(if digits == 0 {
            0
        } else {
            padded.parse::<i64>().ok()?
        })?;
        Some(Money { minor: if negative { -minor } else { minor }, currency })
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = exponent(&self.currency) as usize;
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if digits == 0 {
            return write!(f, "{sign}{abs} {}", self.currency);
        }
        let scale = 10_u64.pow(digits as u32);
        write!(f, "{sign}{}.{:0digits$} {}", abs / scale, abs % scale, self.currency)
    }
}

/// A line of an import that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// A translation key: `contributions.row.amount` …
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Contributions added.
    pub added: usize,
    /// Rows already imported before (the same transaction id).
    pub repeated: usize,
    /// Refunds that reversed a contribution.
    pub refunds: usize,
    /// Fees, tips, expenses, payouts: not member money.
    pub ignored: usize,
    /// Contributors not yet linked to a member: their contributions wait in the queue.
    pub unmatched: usize,
    pub rejected: Vec<Rejected>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_exactly_in_minor_units() {
        let m = |t: &str, c: &str| Money::parse(t, c).map(|m| m.minor);
        assert_eq!(m("25.00", "EUR"), Some(2500));
        assert_eq!(m("25.5", "eur"), Some(2550));
        assert_eq!(m("-1,234.50", "CAD"), Some(-123_450));
        assert_eq!(m("0.1", "EUR"), Some(10), "no floating point: 0.1 is ten cents");
        assert_eq!(m("500", "JPY"), Some(500));
        assert_eq!(m("1.5", "JPY"), None, "yen have no minor unit");
        assert_eq!(m("1.234", "KWD"), Some(1234));
        assert_eq!(m("2.005", "EUR"), None, "never rounded");
        for bad in ["", "abc", "1.2.3", "--1", "1e3"] {
            assert_eq!(m(bad, "EUR"), None, "{bad}");
        }
        assert_eq!(Money::parse("1", "EURO"), None);
        assert_eq!(Money { minor: -123_450, currency: "CAD".into() }.to_string(), "-1234.50 CAD");
        assert_eq!(Money { minor: 500, currency: "JPY".into() }.to_string(), "500 JPY");
    }
}
