//! `/admin/contributions`: upload an Open Collective export (and read what it did), income per
//! month as a chart drawn on the server, the unmatched contributors to link, manual contributions
//! (add, correct, delete) with their audit log, and the CSV export for the treasurer; the members'
//! claims on profiles (`claims`).
mod claims;

use crate::accounts::ui::RequireAdmin;
use crate::contributions::api::{
    DeleteContribution, ExportContributions, LinkContributor, SaveContribution, UploadContributions,
    contributions_admin,
};
use crate::contributions::model::{AdminPage, ContributionView, ImportReport, ManualForm, MonthIncome, Unmatched};
use crate::i18n::{t, tf, use_lang};
use crate::ui::{Field, FormError, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminContributionsPage() -> impl IntoView {
    let number = |key: &str| crate::ui::address::query(key).and_then(|v| v.parse::<i64>().ok());
    let (import, edit) = (number("import"), number("edit"));
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                match crate::ui::read(contributions_admin(import, edit)).await {
                    Ok(page) => view! { <Page page/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("contributions.title")/>
                <crate::ui::Notice flags=&[("saved", "common.saved")]/>
                <p><a href={<ExportContributions as ServerFn>::PATH} download="contributions.csv">{t("contributions.export")}</a></p>
                {page}
            }
        }/>
    }
}

#[component]
fn Page(page: AdminPage) -> impl IntoView {
    view! {
        <Upload report=page.last_import/>
        <Income currency=page.currency months=page.income left_out=page.left_out/>
        <Queue unmatched=page.unmatched/>
        <claims::Claims claims=page.claims/>
        <Manual editing=page.editing/>
        <Recent rows=page.recent/>
        <section class="card">
            <h2>{t("contributions.audit")}</h2>
            <ul data-testid="audit">{page.audit.into_iter().map(|a| view! {
                <li>{a.at} " · " {a.actor} " · " {t(&format!("contributions.audit.{}", a.action))} " #" {a.contribution}
                    <details><summary>{t("contributions.audit.values")}</summary><pre>{a.old_value} "\n" {a.new_value}</pre></details>
                </li>
            }).collect_view()}</ul>
        </section>
    }
}

#[component]
fn Upload(report: Option<ImportReport>) -> impl IntoView {
    let error = Signal::stored(crate::ui::carried_error::<UploadContributions>());
    let lang = use_lang();
    view! {
        <section class="card">
            <h2>{t("contributions.upload")}</h2>
            <p class="hint">{t("contributions.upload_hint")}</p>
            <form method="post" action={<UploadContributions as ServerFn>::PATH} enctype="multipart/form-data" data-testid="upload-form">
                <FormError error/>
                <div class="field">
                    <label for="f-file">{t("contributions.file")}</label>
                    <input id="f-file" name="file" type="file" accept=".csv,text/csv" required=true/>
                </div>
                <button type="submit" class="btn-primary">{t("contributions.import")}</button>
            </form>
            {report.map(|r| view! {
                <div role="status" data-testid="import-report">
                    <p>{tf("contributions.report", &[("added", r.added.into()), ("repeated", r.repeated.into()),
                        ("refunds", r.refunds.into()), ("ignored", r.ignored.into()), ("unmatched", r.unmatched.into())])}</p>
                    <ul>{r.notes.into_iter().map(|note| view! { <li>{lang.t(&note)}</li> }).collect_view()}</ul>
                    <ul>{r.rejected.into_iter().map(|x| view! {
                        <li>{tf("contributions.line", &[("line", x.line.into())])} " " {lang.t(&x.reason)}</li>
                    }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}

/// Income per month: recurring and one-off stacked, by source in the table under it.
#[component]
fn Income(currency: String, months: Vec<MonthIncome>, left_out: Vec<String>) -> impl IntoView {
    const W: f64 = 720.0;
    const H: f64 = 160.0;
    let top = months.iter().map(|m| m.recurring + m.one_off).max().unwrap_or(0).max(1) as f64;
    let bar = W / months.len().max(1) as f64;
    let height = move |v: i64| v as f64 / top * H;
    let money = |minor: i64, currency: &str| {
        crate::contributions::model::Money { minor, currency: currency.to_string() }.written(use_lang())
    };
    let label = tf("contributions.chart_label", &[("currency", (&currency).into())]);
    view! {
        <section class="card" data-testid="income">
            <h2>{t("contributions.income")}</h2>
            <p class="hint">{t("contributions.chart_legend")}</p>
            <svg viewBox=format!("0 0 {W} {}", H + 24.0) role="img" aria-label=label.clone() class="chart">
                <title>{label.clone()}</title>
                {months.iter().enumerate().map(|(i, m)| {
                    let x = i as f64 * bar + 4.0;
                    let (r, o) = (height(m.recurring), height(m.one_off));
                    view! {
                        <rect x=x y=H - r width=bar - 8.0 height=r fill="#0f766e"><title>{money(m.recurring, &currency)}</title></rect>
                        <rect x=x y=H - r - o width=bar - 8.0 height=o fill="#b45309"><title>{money(m.one_off, &currency)}</title></rect>
                        <text x=x y=H + 16.0 font-size="11">{m.month.clone()}</text>
                    }
                }).collect_view()}
            </svg>
            <table class="table">
                <thead><tr>
                    <th scope="col">{t("contributions.month")}</th><th scope="col">{t("contributions.recurring")}</th>
                    <th scope="col">{t("contributions.one_off")}</th><th scope="col">{t("contributions.by_source")}</th>
                </tr></thead>
                <tbody>{months.iter().rev().map(|m| view! {
                    <tr>
                        <th scope="row">{m.month.clone()}</th>
                        <td data-label=t("contributions.recurring")>{money(m.recurring, &currency)}</td>
                        <td data-label=t("contributions.one_off")>{money(m.one_off, &currency)}</td>
                        <td data-label=t("contributions.by_source")>{m.by_source.iter().map(|(s, v)| format!("{}: {}", t(&format!("contributions.source.{s}")), money(*v, &currency))).collect::<Vec<_>>().join(", ")}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            {(!left_out.is_empty()).then(|| view! { <p class="hint">{tf("contributions.left_out", &[("currencies", left_out.join(", ").into())])}</p> })}
        </section>
    }
}

#[component]
fn Queue(unmatched: Vec<Unmatched>) -> impl IntoView {
    let action = ServerAction::<LinkContributor>::new();
    let error = form_error(action);
    view! {
        <section class="card" data-testid="unmatched">
            <h2>{t("contributions.unmatched")}</h2>
            <p class="hint">{t("contributions.unmatched_hint")}</p>
            <FormError error/>
            {unmatched.is_empty().then(|| view! { <p>{t("contributions.none_unmatched")}</p> })}
            {unmatched.into_iter().map(|u| {
                let id = format!("f-link-{}", u.id);
                view! {
                    <form method="post" action={<LinkContributor as ServerFn>::PATH} class="decision" data-testid="link-form">
                        <p><strong>{u.name.clone()}</strong> " (" {u.key.clone()} ") · " {u.contributions} " · " {u.total.clone()}</p>
                        <input type="hidden" name="contributor" value=u.id/>
                        <div class="field">
                            <label for=id.clone()>{t("contributions.link_email")}</label>
                            <input id=id name="email" type="email"/>
                        </div>
                        <button type="submit" class="btn-primary">{t("contributions.link")}</button>
                    </form>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn Manual(editing: Option<ManualForm>) -> impl IntoView {
    let action = ServerAction::<SaveContribution>::new();
    let error = form_error(action);
    let form = editing.clone().unwrap_or_else(|| ManualForm {
        frequency: "oneoff".into(),
        source: "bank".into(),
        ..Default::default()
    });
    let select = |name: &'static str,
                  label: &'static str,
                  options: &[&'static str],
                  chosen: String,
                  prefix: &'static str| {
        view! {
            <div class="field">
                <label for=format!("f-{name}")>{t(label)}</label>
                <select id=format!("f-{name}") name=name>
                    {options.iter().map(|o| view! { <option value=*o selected=chosen == *o>{t(&format!("{prefix}.{o}"))}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section class="card">
            <h2>{if editing.is_some() { t("contributions.correct") } else { t("contributions.add") }}</h2>
            <form method="post" action={<SaveContribution as ServerFn>::PATH} novalidate=true data-testid="manual-form">
                <FormError error/>
                <div class="grid-2">
                {form.id().map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field label="contributions.member_email" name="email" kind="email" error value=Signal::stored(form.email.clone()) required=true/>
                <Field label="contributions.amount" name="amount" error value=Signal::stored(form.amount.clone()) required=true/>
                <Field label="tier.currency" name="currency" error value=Signal::stored(form.currency.clone()) required=true/>
                <Field label="contributions.date" name="date" kind="date" error value=Signal::stored(form.date.clone()) required=true/>
                {select("frequency", "contributions.frequency", &["oneoff", "monthly", "yearly"], form.frequency.clone(), "contributions.frequency")}
                {select("source", "contributions.source", &["bank", "manual"], form.source.clone(), "contributions.source")}
                <Field label="contributions.reference" name="reference" error value=Signal::stored(form.reference.clone())/>
                <Field label="contributions.note" name="note" error value=Signal::stored(form.note.clone())/>
                </div>
                <button type="submit" class="btn-primary">{t("common.save")}</button>
            </form>
        </section>
    }
}

#[component]
fn Recent(rows: Vec<ContributionView>) -> impl IntoView {
    let delete = ServerAction::<DeleteContribution>::new();
    view! {
        <section class="card">
            <h2>{t("contributions.recent")}</h2>
            <table class="table" data-testid="contributions">
                <thead><tr>
                    <th scope="col">{t("contributions.date")}</th><th scope="col">{t("contributions.amount")}</th>
                    <th scope="col">{t("contributions.member")}</th><th scope="col">{t("contributions.source")}</th>
                    <th scope="col">{t("contributions.reference")}</th><th scope="col"><span class="sr-only">{t("contributions.actions")}</span></th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|c| view! {
                    <tr>
                        <td data-label=t("contributions.date")>{c.date.clone()}</td>
                        <td data-label=t("contributions.amount")>{c.amount.clone()} " · " {t(&format!("contributions.frequency.{}", c.frequency))}</td>
                        <td data-label=t("contributions.member")>{c.member.clone().unwrap_or_else(|| t("contributions.unlinked").to_string())}</td>
                        <td data-label=t("contributions.source")>{t(&format!("contributions.source.{}", c.source))}</td>
                        <td data-label=t("contributions.reference")>{c.reference.clone()} " " {c.note.clone()}</td>
                        <td>{c.manual.then(|| view! {
                            <a href=format!("/admin/contributions?edit={}", c.id)>{t("contributions.correct")}</a> " "
                            <ActionForm action=delete attr:class="inline">
                                <input type="hidden" name="id" value=c.id/>
                                <button type="submit" class="btn-danger">{t("contributions.delete")}</button>
                            </ActionForm>
                        })}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}
