//! The columns of Open Collective's transactions CSV that the importer reads, under both headers its
//! exporter (opencollective-rest) writes: the field name (`isRefund`, `oppositeAccountSlug`) or the
//! label its dashboard download shows (`Is Refund`, `Opposite Account Handle`). Either header form,
//! any column order, extra columns ignored.
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    DateTime,
    Date,
    Id,
    PublicId,
    LegacyId,
    ShortId,
    Type,
    Kind,
    IsRefund,
    RefundId,
    RefundPublicId,
    RefundLegacyId,
    ShortRefundId,
    Amount,
    Currency,
    Slug,
    Name,
    Email,
    OrderId,
    OrderPublicId,
    OrderLegacyId,
    Frequency,
}

/// Each column's field name first (the name an import report uses), then its labels. A refund's
/// "reverse" columns are the exporter's other names for the same values.
const HEADERS: &[(Col, &[&str])] = &[
    (Col::DateTime, &["datetime", "Date & Time"]),
    (Col::Date, &["date"]),
    (Col::Id, &["id", "Transaction GraphQL ID"]),
    (Col::PublicId, &["publicId", "Transaction Public ID"]),
    (Col::LegacyId, &["legacyId", "Transaction ID"]),
    (Col::ShortId, &["shortId", "Short Transaction ID"]),
    (Col::Type, &["type", "Credit/Debit"]),
    (Col::Kind, &["kind"]),
    (Col::IsRefund, &["isRefund", "Is Refund", "isReverse", "Is Reverse"]),
    (Col::RefundId, &["refundId", "Refund ID", "reverseId"]),
    (Col::RefundPublicId, &["refundPublicId", "Refund Transaction Public ID", "reversePublicId"]),
    (Col::RefundLegacyId, &["refundLegacyId", "Refund Transaction ID", "reverseLegacyId", "Reverse Transaction ID"]),
    (Col::ShortRefundId, &["shortRefundId", "Short Refund Transaction ID"]),
    (Col::Amount, &["amount", "Gross Amount"]),
    (Col::Currency, &["currency"]),
    (Col::Slug, &["oppositeAccountSlug", "Opposite Account Handle"]),
    (Col::Name, &["oppositeAccountName", "Opposite Account Name"]),
    (Col::Email, &["oppositeAccountEmail", "Opposite Account Email"]),
    (Col::OrderId, &["orderId", "Contribution GraphQL ID"]),
    (Col::OrderPublicId, &["orderPublicId", "Contribution Public ID"]),
    (Col::OrderLegacyId, &["orderLegacyId", "Contribution ID"]),
    (Col::Frequency, &["orderFrequency", "Contribution Frequency"]),
];

/// Where each known column is in a file.
#[derive(Debug, Default)]
pub struct Columns(HashMap<Col, usize>);

impl Columns {
    /// The known columns of a header row; the first of two headers meaning the same column wins.
    pub fn of(header: &csv::StringRecord) -> Columns {
        let mut found = HashMap::new();
        for (at, name) in header.iter().enumerate() {
            let name = name.trim();
            let known = HEADERS.iter().find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)));
            if let Some((col, _)) = known {
                found.entry(*col).or_insert(at);
            }
        }
        Columns(found)
    }

    pub fn has(&self, col: Col) -> bool {
        self.0.contains_key(&col)
    }

    /// The first of `cols` the file has.
    pub fn first(&self, cols: &[Col]) -> Option<Col> {
        cols.iter().copied().find(|c| self.has(*c))
    }

    /// The value of `col` in `row`, trimmed; empty when the file or the row lacks it.
    pub fn get<'r>(&self, row: &'r csv::StringRecord, col: Col) -> &'r str {
        self.0.get(&col).and_then(|at| row.get(*at)).unwrap_or("").trim()
    }

    /// The field names of the columns an import cannot do without that the file lacks.
    pub fn missing(&self) -> Vec<&'static str> {
        let needed: [&[Col]; 8] = [
            &[Col::DateTime, Col::Date],
            &[Col::Id, Col::PublicId, Col::LegacyId, Col::ShortId],
            &[Col::Type],
            &[Col::Kind],
            &[Col::IsRefund],
            &[Col::Amount],
            &[Col::Currency],
            &[Col::Slug],
        ];
        needed.iter().filter(|any| self.first(any).is_none()).map(|any| field_name(any[0])).collect()
    }
}

fn field_name(col: Col) -> &'static str {
    HEADERS.iter().find(|(c, _)| *c == col).map_or("", |(_, names)| names[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_and_labels_head_the_same_columns() {
        let names = csv::StringRecord::from(vec!["datetime", "shortId", "isRefund", "oppositeAccountSlug", "amount"]);
        let labels = csv::StringRecord::from(vec![
            "Date & Time",
            "Short Transaction ID",
            "Is Refund",
            "Opposite Account Handle",
            "Gross Amount",
        ]);
        let row = csv::StringRecord::from(vec!["2026-03-01T12:30:00", "1a2b3c4d", "REFUND", "ann", "-50"]);
        for header in [names, labels] {
            let cols = Columns::of(&header);
            assert_eq!(
                [Col::DateTime, Col::ShortId, Col::IsRefund, Col::Slug, Col::Amount].map(|c| cols.get(&row, c)),
                ["2026-03-01T12:30:00", "1a2b3c4d", "REFUND", "ann", "-50"]
            );
            assert_eq!(cols.missing(), ["type", "kind", "currency"]);
        }
    }
}
