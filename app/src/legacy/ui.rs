//! `/admin/legacy`: the import form (the database address is never kept, shown or logged), and the
//! latest runs: progress while one runs (reload to follow it; it goes on if the admin leaves), then
//! its report with every record skipped or in conflict, and a CSV of them to download.
use super::api::{StartImport, import_runs};
use super::model::RunView;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, use_lang};
use crate::regions::api::list_regions;
use crate::ui::{Field, FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn LegacyImportPage() -> impl IntoView {
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                let mut regions = crate::ui::read(list_regions()).await.unwrap_or_default();
                // The demo region is no import's target beside a real one (the service refuses it too).
                if regions.iter().any(|r| !r.demo) {
                    regions.retain(|r| !r.demo);
                }
                let runs = crate::ui::read(import_runs()).await;
                view! {
                    <ImportForm regions/>
                    {match runs {
                        Ok(runs) => runs.into_iter().map(|run| view! { <Run run/> }).collect_view().into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }}
                }
            });
            view! {
                <crate::ui::PageHeading text=t("legacy.title")/>
                <p class="hint">{t("legacy.intro")}</p>
                {page}
            }
        }/>
    }
}

#[component]
fn ImportForm(regions: Vec<crate::regions::model::Region>) -> impl IntoView {
    let action = ServerAction::<StartImport>::new();
    let error = form_error(action);
    view! {
        <form method="post" action={<StartImport as ServerFn>::PATH} class="card" novalidate=true data-testid="legacy-form">
            <FormError error/>
            <Field label="legacy.url" name="legacy_url" kind="password" error autocomplete="off" hint="legacy.url_hint" required=true/>
            <div class="field">
                <label for="f-region">{t("legacy.region")}</label>
                <select id="f-region" name="region">
                    // The default region is chosen unless the admin picks another; an option holds text
                    // only, so the demo region is marked in words.
                    {regions.into_iter().map(|r| {
                        let demo = r.demo.then(|| format!(" ({})", t("region.demo")));
                        view! { <option value=r.code selected=r.is_default>{r.name}{demo}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="grid-2">
                <div class="field">
                    <label for="f-version">{t("legacy.version")}</label>
                    <select id="f-version" name="version">
                        <option value="auto">{t("legacy.version_auto")}</option>
                        <option value="v2">"Greenlight v2"</option>
                        <option value="v3">"Greenlight v3"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="f-on-conflict">{t("legacy.on_conflict")}</label>
                    <select id="f-on-conflict" name="on_conflict">
                        <option value="skip">{t("legacy.on_conflict.skip")}</option>
                        <option value="attach">{t("legacy.on_conflict.attach")}</option>
                    </select>
                </div>
            </div>
            <div class="check">
                <input type="checkbox" id="f-keep-admins" name="keep_admins" value="on"/>
                <label for="f-keep-admins">{t("legacy.keep_admins")}</label>
            </div>
            <div class="check">
                <input type="checkbox" id="f-welcome" name="welcome" value="on"/>
                <label for="f-welcome">{t("legacy.welcome")}</label>
            </div>
            <button type="submit" name="dry_run" value="on" class="btn">{t("legacy.dry_run")}</button> " "
            <button type="submit" class="btn-primary">{t("legacy.import")}</button>
        </form>
    }
}

#[component]
fn Run(run: RunView) -> impl IntoView {
    let lang = use_lang();
    let heading = if run.dry_run { t("legacy.run_dry") } else { t("legacy.run") };
    view! {
        <section class="card" data-testid="legacy-run">
            <h2>{heading} " " {run.started.clone()} " · " {run.region.clone()}</h2>
            {(!run.finished).then(|| view! {
                <p>
                    <label for=format!("progress-{}", run.id)>{t("legacy.progress")}</label> " "
                    <progress id=format!("progress-{}", run.id) max=run.total.max(1) value=run.done>{run.done} " / " {run.total}</progress>
                    " " {run.done} " / " {run.total} " " <a href="/admin/legacy">{t("legacy.refresh")}</a>
                </p>
            })}
            {run.error.clone().map(|e| view! { <p class="form-error" role="alert">{lang.msg(&e)}</p> })}
            {run.report.clone().map(|report| {
                let csv = run.csv.clone().unwrap_or_default();
                let href = format!("data:text/csv;charset=utf-8,{}", url_escape(&csv));
                view! {
                    <pre data-testid="legacy-report">{super::report_text(&report, lang)}</pre>
                    <p><a href=href download=format!("legacy-import-{}.csv", run.id)>{t("legacy.csv")}</a></p>
                }
            })}
        </section>
    }
}

/// Percent-encodes text for a `data:` link.
fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
