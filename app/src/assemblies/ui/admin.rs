//! `/admin/assemblies`: the coming and past assemblies with links to each page and its minutes,
//! and the members allowed to call assemblies on their own bookings, with the form that allows one.
use crate::accounts::ui::RequireAdmin;
use crate::assemblies::api::{AllowCaller, RevokeCaller, assemblies_admin};
use crate::assemblies::model::{AdminAssemblies, AssemblyLine, Caller};
use crate::error::AppError;
use crate::i18n::t;
use crate::ui::{Field, FormError, PostForm, carried_error};
use leptos::prelude::*;

#[component]
pub fn AdminAssembliesPage() -> impl IntoView {
    let error = Signal::stored(carried_error::<AllowCaller>());
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                match crate::ui::read(assemblies_admin()).await {
                    Ok(found) => view! { <Page found error/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("assembly.admin_title")/>
                <crate::ui::Notice flags=&[("saved", "assembly.caller_allowed"), ("revoked", "assembly.caller_revoked")]/>
                <p class="hint">{t("assembly.admin_intro")}</p>
                {page}
            }
        }/>
    }
}

#[component]
fn Page(found: AdminAssemblies, error: Signal<Option<AppError>>) -> impl IntoView {
    let AdminAssemblies { coming, past, callers } = found;
    view! {
        <section class="card">
            <h2>{t("assembly.coming")}</h2>
            <Lines lines=coming testid="assemblies-coming"/>
        </section>
        <section class="card">
            <h2>{t("assembly.past")}</h2>
            <Lines lines=past testid="assemblies-past"/>
        </section>
        <section class="card">
            <h2>{t("assembly.callers")}</h2>
            <p class="hint">{t("assembly.callers_hint")}</p>
            <ul data-testid="assembly-callers">
                {callers.into_iter().map(|c| view! { <CallerRow caller=c/> }).collect_view()}
            </ul>
            <FormError error/>
            <PostForm<AllowCaller> testid="assembly-allow-form">
                <Field label="field.email" name="email" kind="email" error required=true/>
                <button type="submit" class="btn-primary">{t("assembly.allow")}</button>
            </PostForm<AllowCaller>>
        </section>
    }
}

#[component]
fn Lines(lines: Vec<AssemblyLine>, testid: &'static str) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="hint" data-testid=testid>{t("assembly.none")}</p> }.into_any();
    }
    view! {
        <ul data-testid=testid>
            {lines.into_iter().map(|a| view! {
                <li>
                    <a href=format!("/assemblies/{}", a.id)>{a.title}</a> " · " {a.when} " · " {a.organiser}
                    " · " <a href=format!("/assemblies/{}/minutes", a.id)>{t("assembly.minutes.open")}</a>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn CallerRow(caller: Caller) -> impl IntoView {
    view! {
        <li>
            {caller.name} " (" {caller.email} ") · " {caller.since}
            <PostForm<RevokeCaller> class="inline">
                <input type="hidden" name="id" value=caller.id/>
                <button type="submit" class="btn-danger">{t("assembly.revoke")}</button>
            </PostForm<RevokeCaller>>
        </li>
    }
}
