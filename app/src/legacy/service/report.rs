//! The import's report as text (the command line) and as CSV (for the admin's spreadsheet), in the
//! reader's language.
use crate::i18n::Lang;
use crate::legacy::model::Report;

/// The counts, then every record skipped or in conflict with its reason.
pub fn text(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let heading = if report.dry_run { lang.t("legacy.report.dry_run") } else { lang.t("legacy.report.done") };
    out.push_str(heading);
    out.push('\n');
    for kind in ["user", "room", "share"] {
        let imported = match kind {
            "user" => report.users,
            "room" => report.rooms,
            _ => report.shares,
        };
        let line = lang
            .t(&format!("legacy.report.{kind}s"))
            .replacen("{}", &imported.to_string(), 1)
            .replacen("{}", &report.count(kind, "skipped").to_string(), 1)
            .replacen("{}", &report.count(kind, "conflict").to_string(), 1);
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&lang.t("legacy.report.already").replace("{}", &report.already.to_string()));
    out.push('\n');
    for l in &report.lines {
        out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", l.outcome, l.kind, l.legacy_id, l.label, lang.t(&l.reason)));
    }
    out
}

/// One row per record skipped or in conflict: outcome, kind, legacy id, label, reason.
pub fn csv(report: &Report, lang: Lang) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["outcome", "kind", "legacy_id", "label", "reason"])?;
    for l in &report.lines {
        writer.write_record([l.outcome.as_str(), &l.kind, &l.legacy_id, &l.label, lang.t(&l.reason)])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
