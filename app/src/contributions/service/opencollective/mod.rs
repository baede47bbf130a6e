//! The transactions CSV Open Collective exports for a collective, read by header name (column
//! order and extra columns do not matter) with the `csv` crate. What is member money: incoming
//! contributions and added funds; a refund reverses its order's contribution; host fees, platform
//! tips, payment processor fees, expenses and payouts are not.
use crate::clock::Timestamp;
use crate::contributions::model::{Money, Rejected};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Row {
    datetime: Option<String>,
    id: Option<String>,
    #[serde(rename = "type")]
    direction: Option<String>,
    kind: Option<String>,
    #[serde(rename = "isRefund")]
    is_refund: Option<String>,
    amount: Option<String>,
    currency: Option<String>,
    #[serde(rename = "oppositeAccountSlug")]
    slug: Option<String>,
    #[serde(rename = "oppositeAccountName")]
    name: Option<String>,
    #[serde(rename = "oppositeAccountEmail")]
    email: Option<String>,
    #[serde(rename = "orderId")]
    order_id: Option<String>,
    #[serde(rename = "orderFrequency")]
    frequency: Option<String>,
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
    /// Reverses the contribution of `order` (the money comes back negative).
    Refund { id: String, at: Timestamp, money: Money, order: String, slug: String },
    /// Not member money.
    Ignored,
}

fn yes(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

fn text(v: &Option<String>) -> String {
    v.as_deref().unwrap_or("").trim().to_string()
}

fn moment(text: &str) -> Option<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp())
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S").map(|t| t.and_utc().timestamp())
        })
        .ok()
        .map(Timestamp::from_secs)
}

fn entry(row: &Row) -> Result<Entry, &'static str> {
    let kind = text(&row.kind).to_ascii_uppercase();
    let credit = text(&row.direction).eq_ignore_ascii_case("CREDIT");
    let refund = yes(&row.is_refund);
    let money_kind = matches!(kind.as_str(), "CONTRIBUTION" | "ADDED_FUNDS");
    if !money_kind || (!credit && !refund) {
        return Ok(Entry::Ignored);
    }
    let id = text(&row.id);
    if id.is_empty() {
        return Err("contributions.row.id");
    }
    let at = moment(&text(&row.datetime)).ok_or("contributions.row.date")?;
    let money = Money::parse(&text(&row.amount), &text(&row.currency)).ok_or("contributions.row.amount")?;
    let slug = text(&row.slug);
    if slug.is_empty() {
        return Err("contributions.row.contributor");
    }
    let order = Some(text(&row.order_id)).filter(|o| !o.is_empty());
    if refund {
        let order = order.ok_or("contributions.row.order")?;
        let money = Money { minor: -money.minor.abs(), currency: money.currency };
        return Ok(Entry::Refund { id, at, money, order, slug });
    }
    if money.minor <= 0 {
        return Err("contributions.row.amount");
    }
    let frequency = match text(&row.frequency).to_ascii_uppercase().as_str() {
        "MONTHLY" => "monthly",
        "YEARLY" => "yearly",
        _ => "oneoff",
    };
    let email = Some(text(&row.email)).filter(|e| !e.is_empty());
    Ok(Entry::Contribution { id, at, money, slug, name: text(&row.name), email, order, frequency })
}

/// A line of the export: its number (the header is line 1) and what it is, or why it cannot be read.
pub type Line = (u64, Result<Entry, Rejected>);

/// Every line of the export.
pub fn read(data: &[u8]) -> Result<Vec<Line>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(data);
    reader.headers()?;
    let mut entries = Vec::new();
    for (n, record) in reader.deserialize::<Row>().enumerate() {
        let line = n as u64 + 2;
        entries.push((
            line,
            match record {
                Ok(row) => entry(&row).map_err(|reason| Rejected { line, reason: reason.into() }),
                Err(_) => Err(Rejected { line, reason: "contributions.row.unreadable".into() }),
            },
        ));
    }
    Ok(entries)
}
