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

/// A contribution as a list shows it, times in the reader's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionView {
    pub id: i64,
    pub date: String,
    pub amount: String,
    /// `opencollective`, `bank` or `manual`.
    pub source: String,
    /// `monthly`, `yearly` or `oneoff`.
    pub frequency: String,
    pub reference: String,
    pub note: String,
    /// The member it is linked to, if any (for admins).
    pub member: Option<String>,
    /// Admins may correct and delete it: entered by hand, not imported.
    pub manual: bool,
}

/// The admins' manual contribution form (a bank transfer, or anything else entered by hand).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualForm {
    /// The one being changed; empty for a new one. Text, as a flattened form's fields arrive.
    #[serde(default)]
    pub id: String,
    pub email: String,
    pub amount: String,
    pub currency: String,
    /// `2026-11-25`, in the admin's zone.
    pub date: String,
    pub frequency: String,
    pub source: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
}

impl ManualForm {
    pub fn id(&self) -> Option<i64> {
        self.id.trim().parse().ok()
    }
}

/// A contributor no member is linked to yet, with what waits for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    pub id: i64,
    pub name: String,
    /// Their profile at the source (an Open Collective slug).
    pub key: String,
    pub contributions: i64,
    /// Per currency: `30.00 EUR, 50.00 CAD`.
    pub total: String,
}

/// One month of income, in the chart's currency's minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthIncome {
    /// `2026-11`
    pub month: String,
    pub recurring: i64,
    pub one_off: i64,
    /// (source, amount)
    pub by_source: Vec<(String, i64)>,
}

/// An admin's change to a contribution, as the audit log lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub contribution: i64,
    pub old_value: String,
    pub new_value: String,
}

/// The admins' contributions page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPage {
    /// The chart's currency; contributions in others count at the admins' rates.
    pub currency: String,
    pub income: Vec<MonthIncome>,
    /// Currencies left out of the chart for want of a rate.
    pub left_out: Vec<String>,
    pub unmatched: Vec<Unmatched>,
    pub recent: Vec<ContributionView>,
    pub audit: Vec<AuditView>,
    /// The report of the import the admin just uploaded.
    pub last_import: Option<ImportReport>,
    /// The manual contribution being corrected.
    pub editing: Option<ManualForm>,
}

/// A member's own contributions page part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    pub contributions: Vec<ContributionView>,
    /// The Open Collective profile they named.
    pub profile: Option<String>,
    pub contribute_url: Option<String>,
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
