//! Importing members and rooms from a legacy Greenlight instance (v2 or v3) by reading its database:
//! members keep their passwords, rooms their link and meeting ids, and a run can be repeated or
//! resumed after an interruption without duplicates. See docs/legacy.md.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// The counts, then every record skipped or in conflict with its reason.
pub fn report_text(report: &model::Report, lang: crate::i18n::Lang) -> String {
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
        let line = lang.fmt(
            &format!("legacy.report.{kind}s"),
            &[
                ("imported", imported.into()),
                ("skipped", report.count(kind, "skipped").into()),
                ("conflicts", report.count(kind, "conflict").into()),
            ],
        );
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&lang.fmt("legacy.report.already", &[("count", report.already.into())]));
    out.push('\n');
    for l in &report.lines {
        out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", l.outcome, l.kind, l.legacy_id, l.label, lang.t(&l.reason)));
    }
    out
}
