//! The transactions CSV Open Collective exports for a collective, read with the `csv` crate as its
//! exporter writes it: either header form, the default or an extended column set (`columns`). What
//! is member money: incoming contributions and added funds; a refund reverses what it refunds; host
//! fees, platform tips, payment processor fees, expenses and payouts are not.
mod columns;

use crate::clock::Timestamp;
use crate::contributions::model::{Money, Rejected};
use columns::{Col, Columns};

/// What a refund names as the transaction it reverses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refunded {
    /// A reference as the original's row was stored under.
    Exact(String),
    /// The first eight characters of the original's id (the default export's short ids).
    Short(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Contribution {
        id: String,
        at: Timestamp,
        money: Money,
        slug: String,
        name: String,
        email: Option<String>,
        order: Option<String>,
        /// `monthly`, `yearly` or `oneoff`.
        frequency: &'static str,
    },
    /// Reverses a contribution: the one `refunded` names, else the latest of `order` (the money
    /// comes back negative).
    Refund { id: String, at: Timestamp, money: Money, order: Option<String>, refunded: Option<Refunded>, slug: String },
    /// Not member money.
    Ignored,
}

/// A line of the export: its number (the header is line 1) and what it is, or why it cannot be read.
pub type Line = (u64, Result<Entry, Rejected>);

/// An export as read: its lines, and what its columns lacked (translation keys for the report).
pub struct Export {
    pub lines: Vec<Line>,
    pub notes: Vec<&'static str>,
}

pub enum Unreadable {
    /// Not CSV with a header line.
    NotCsv,
    /// The field names of the columns an import needs that the file lacks.
    Missing(Vec<&'static str>),
}

/// The transaction ids a file gives, fullest first, and the prefix each is stored under (plain for
/// the GraphQL id, as imports always stored it), with the refund column of the same kind.
const IDS: [(Col, &str, Col); 4] = [
    (Col::Id, "", Col::RefundId),
    (Col::PublicId, "public:", Col::RefundPublicId),
    (Col::LegacyId, "legacy:", Col::RefundLegacyId),
    (Col::ShortId, "short:", Col::ShortRefundId),
];

fn moment(text: &str) -> Option<Timestamp> {
    let naive = |format: &str| chrono::NaiveDateTime::parse_from_str(text, format).map(|t| t.and_utc().timestamp());
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp())
        // The exporter writes UTC without a zone: `2026-03-01T12:30:00`.
        .or_else(|_| naive("%Y-%m-%dT%H:%M:%S%.f"))
        .or_else(|_| naive("%Y-%m-%d %H:%M:%S"))
        .ok()
        .or_else(|| {
            Some(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
        })
        .map(Timestamp::from_secs)
}

/// How the file is read: which id it gives, under which prefix, and the refund column that matches.
struct Reading {
    cols: Columns,
    id: (Col, &'static str, Col),
    order: Option<Col>,
}

impl Reading {
    fn entry(&self, row: &csv::StringRecord) -> Result<Entry, &'static str> {
        let get = |col| self.cols.get(row, col);
        let kind = get(Col::Kind).to_ascii_uppercase();
        let credit = get(Col::Type).eq_ignore_ascii_case("CREDIT");
        // `REFUND` (or `REVERSE`) as the exporter writes it; `true` as older exports did.
        let refund = ["REFUND", "REVERSE", "true"].iter().any(|y| get(Col::IsRefund).eq_ignore_ascii_case(y));
        if !matches!(kind.as_str(), "CONTRIBUTION" | "ADDED_FUNDS") || (!credit && !refund) {
            return Ok(Entry::Ignored);
        }
        let (id_col, prefix, refund_col) = self.id;
        let id = get(id_col);
        if id.is_empty() {
            return Err("contributions.row.id");
        }
        let id = format!("{prefix}{id}");
        let date = self.cols.first(&[Col::DateTime, Col::Date]).map_or("", get);
        let at = moment(date).ok_or("contributions.row.date")?;
        let money = Money::parse(get(Col::Amount), get(Col::Currency)).ok_or("contributions.row.amount")?;
        let slug = get(Col::Slug).to_string();
        if slug.is_empty() {
            return Err("contributions.row.contributor");
        }
        let order = self.order.map(get).filter(|o| !o.is_empty()).map(str::to_string);
        if refund {
            let exact = Some(get(refund_col)).filter(|r| !r.is_empty() && prefix != "short:");
            let short =
                Some(get(Col::ShortRefundId)).filter(|r| r.len() == 8 && r.bytes().all(|b| b.is_ascii_alphanumeric()));
            let refunded = match (exact, short) {
                (Some(r), _) => Some(Refunded::Exact(format!("{prefix}{r}"))),
                (None, Some(r)) => Some(Refunded::Short(r.to_string())),
                (None, None) => None,
            };
            if refunded.is_none() && order.is_none() {
                return Err("contributions.row.order");
            }
            let money = Money { minor: -money.minor.abs(), currency: money.currency };
            return Ok(Entry::Refund { id, at, money, order, refunded, slug });
        }
        if money.minor <= 0 {
            return Err("contributions.row.amount");
        }
        let frequency = match get(Col::Frequency).to_ascii_uppercase().as_str() {
            "MONTHLY" => "monthly",
            "YEARLY" => "yearly",
            _ => "oneoff",
        };
        let email = Some(get(Col::Email)).filter(|e| !e.is_empty()).map(str::to_string);
        Ok(Entry::Contribution { id, at, money, slug, name: get(Col::Name).to_string(), email, order, frequency })
    }
}

/// Every line of the export, and what its columns lacked.
pub fn read(data: &[u8]) -> Result<Export, Unreadable> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let cols = Columns::of(reader.headers().map_err(|_| Unreadable::NotCsv)?);
    let missing = cols.missing();
    if !missing.is_empty() {
        return Err(Unreadable::Missing(missing));
    }
    let id = IDS.into_iter().find(|(col, _, _)| cols.has(*col)).ok_or(Unreadable::NotCsv)?;
    let order = cols.first(&[Col::OrderId, Col::OrderPublicId, Col::OrderLegacyId]);
    let mut notes = Vec::new();
    for (lacking, note) in [
        (!cols.has(Col::Email), "contributions.missing.email"),
        (!cols.has(Col::Frequency), "contributions.missing.frequency"),
        (order.is_none(), "contributions.missing.order"),
        (id.0 == Col::ShortId, "contributions.missing.short_id"),
    ] {
        if lacking {
            notes.push(note);
        }
    }
    let reading = Reading { cols, id, order };
    let mut lines = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        lines.push((
            line,
            match record {
                Ok(row) => reading.entry(&row).map_err(|reason| Rejected { line, reason: reason.into() }),
                Err(_) => Err(Rejected { line, reason: "contributions.row.unreadable".into() }),
            },
        ));
    }
    Ok(Export { lines, notes })
}
