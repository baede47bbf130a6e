//! An Open Collective export made up for the benchmark (`main.rs`) and the crash test
//! (`server/tests/it/crashes/contributions.rs`, which includes this file by its path).

/// `rows` transactions as Open Collective exports them, in a realistic mix: monthly and yearly
/// contributions of `contributors` people, added funds, host fees and tips (not member money), and
/// a refund now and then. Written by the `csv` crate.
pub fn export(rows: usize, contributors: usize) -> Result<Vec<u8>, String> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header =
        "datetime,id,type,kind,isRefund,amount,currency,oppositeAccountSlug,oppositeAccountName,orderId,orderFrequency";
    csv.write_record(header.split(',')).map_err(|e| e.to_string())?;
    for n in 0..rows {
        let who = n % contributors;
        let at = format!("2026-09-{:02}T10:00:00Z", 1 + n % 28);
        let (id, slug, name) = (format!("tx-{n}"), format!("member-{who}"), format!("Member {who}"));
        let (order, yearly) = (who.to_string(), format!("y{who}"));
        // A refund of a monthly contribution made earlier in the file (its order ends in 0).
        let refunded = (who.saturating_sub(9).to_string(), format!("member-{}", who.saturating_sub(9)));
        let row: [&str; 11] = match n % 10 {
            0..=5 => [&at, &id, "CREDIT", "CONTRIBUTION", "false", "10.00", "EUR", &slug, &name, &order, "MONTHLY"],
            6 => [&at, &id, "CREDIT", "CONTRIBUTION", "false", "120.00", "EUR", &slug, &name, &yearly, "YEARLY"],
            7 => [&at, &id, "DEBIT", "HOST_FEE", "false", "-0.50", "EUR", "host", "Host", &order, "MONTHLY"],
            8 => [&at, &id, "CREDIT", "ADDED_FUNDS", "false", "50", "CAD", &slug, &name, "", ""],
            _ => [&at, &id, "DEBIT", "CONTRIBUTION", "true", "-10.00", "EUR", &refunded.1, "", &refunded.0, "MONTHLY"],
        };
        csv.write_record(row).map_err(|e| e.to_string())?;
    }
    csv.into_inner().map_err(|e| e.to_string())
}
