//! The import's report as text (the command line) and as CSV (for the admin's spreadsheet), in the
//! reader's language.
use crate::i18n::Lang;
use crate::legacy::model::Report;

/// The counts, then every record skipped or in conflict with its reason.
pub fn text(report: &Report, lang: Lang) -> String {
    crate::legacy::report_text(report, lang)
}

/// One row per record skipped or in conflict: outcome, kind, legacy id, label, reason.
pub fn csv(report: &Report, lang: Lang) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["outcome", "kind", "legacy_id", "label", "reason"])?;
    for l in &report.lines {
        // Ids and labels come from Greenlight, typed by its users: written as text, never a formula.
        let (id, label) = (crate::csv_cell::text(&l.legacy_id), crate::csv_cell::text(&l.label));
        writer.write_record([l.outcome.as_str(), &l.kind, &id, &label, lang.t(&l.reason)])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
