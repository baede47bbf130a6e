//! The security log page for administrators: what happened, filtered by kind and searched by
//! address, email or region, newest first.
use crate::accounts::api::admin::security_log;
use crate::accounts::model::Me;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::t;
use crate::security_log::{Entry, KINDS};
use crate::ui::FormError;
use crate::ui::address::query_param;
use leptos::prelude::*;

#[component]
pub fn SecurityLogPage() -> impl IntoView {
    view! { <RequireAdmin children=|_: Me| view! { <SecurityLog/> }/> }
}

#[component]
fn SecurityLog() -> impl IntoView {
    let (kind, q, page) = (query_param("kind"), query_param("q"), query_param("page"));
    let rows = Resource::new(
        move || (kind.get(), q.get(), page.get().parse::<i64>().unwrap_or(0)),
        |(kind, q, page)| security_log(kind, q, page),
    );
    view! {
        <crate::ui::PageHeading text=t("admin.security.title")/>
        <section class="card">
            <form method="get" class="search" role="search">
                <label for="f-kind">{t("admin.security.kind")}</label>
                <select id="f-kind" name="kind">
                    <option value="">{t("admin.security.all")}</option>
                    {KINDS.iter().map(|k| view! {
                        <option value=*k selected=move || kind.get() == *k>{t(&format!("security.kind.{k}"))}</option>
                    }).collect_view()}
                </select>
                <label for="f-q">{t("admin.security.search")}</label>
                <input id="f-q" name="q" type="search" value=move || q.get()/>
                <button type="submit" class="btn">{t("admin.search_submit")}</button>
            </form>
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t("admin.security.none")}</p> }.into_any(),
                        Ok(rows) => view! { <Entries rows/> }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Entries(rows: Vec<Entry>) -> impl IntoView {
    view! {
        <table class="table" data-testid="security-log">
            <thead><tr>
                <th scope="col">{t("admin.security.when")}</th>
                <th scope="col">{t("admin.security.kind")}</th>
                <th scope="col">{t("admin.security.who")}</th>
                <th scope="col">{t("admin.security.subject")}</th>
                <th scope="col">{t("admin.security.from")}</th>
                <th scope="col">{t("admin.security.detail")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|e| view! {
                    <tr>
                        <td data-label=t("admin.security.when")>{e.when}</td>
                        <td data-label=t("admin.security.kind")>{t(&format!("security.kind.{}", e.kind))}</td>
                        <td data-label=t("admin.security.who")>{e.actor.unwrap_or_default()}</td>
                        <td data-label=t("admin.security.subject")>{e.subject}</td>
                        <td data-label=t("admin.security.from")>{e.address}</td>
                        <td data-label=t("admin.security.detail")>{e.detail}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
