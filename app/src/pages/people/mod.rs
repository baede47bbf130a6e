//! `/admin/accounts/{id}`: one member for the admins: their details and rooms, their name and
//! address to change, and their account to delete (typing its address to confirm).
mod api;

use crate::accounts::api::admin::EditAccount;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf};
use crate::ui::{Field, FormError, PostForm, carried_error};
use api::{DeletePerson, PersonView, read_person};
use leptos::prelude::*;

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = crate::ui::address::param("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    view! {
        <RequireAdmin children=move |_| {
            crate::ui::awaited(async move {
                match crate::ui::read(read_person(id)).await {
                    Ok(p) => view! { <Details p/> }.into_any(),
                    Err(e) => view! {
                        <crate::ui::PageHeading text=t("person.title")/>
                        <FormError error=Signal::stored(Some(e))/>
                    }.into_any(),
                }
            })
        }/>
    }
}

#[component]
fn Details(p: PersonView) -> impl IntoView {
    let edit_error = Signal::stored(carried_error::<EditAccount>());
    let delete_error = Signal::stored(carried_error::<DeletePerson>());
    let a = p.account;
    let status = t(&format!("status.{}", a.status));
    let rooms = if p.rooms.is_empty() { t("person.no_rooms").to_string() } else { p.rooms.join(", ") };
    view! {
        <crate::ui::PageHeading text=a.name.clone()/>
        <crate::ui::Notice flags=&[("saved", "common.saved"), ("email", "person.email_sent")]/>
        <p><a href="/admin/accounts">{t("person.back")}</a></p>
        <section class="card" data-testid="person">
            <p>{a.email.clone()} " · " {status} " · " {t(&format!("role.{}", a.role))}</p>
            <p>{tf("person.rooms", &[("rooms", rooms.into())])}</p>
        </section>
        <section class="card">
            <h2>{t("person.edit")}</h2>
            <p class="hint">{t("person.edit_hint")}</p>
            <FormError error=edit_error/>
            <PostForm<EditAccount> testid="person-edit">
                <input type="hidden" name="id" value=a.id/>
                <Field label="field.name" name="name" error=edit_error required=true value=Signal::stored(a.name.clone())/>
                <Field label="field.email" name="email" kind="email" error=edit_error required=true
                    value=Signal::stored(a.email.clone())/>
                <button type="submit" class="btn-primary">{t("common.save")}</button>
            </PostForm<EditAccount>>
        </section>
        <section class="card danger">
            <h2>{t("person.delete")}</h2>
            <p>{t("person.delete_explain")}</p>
            <FormError error=delete_error/>
            <PostForm<DeletePerson> testid="person-delete">
                <input type="hidden" name="id" value=a.id/>
                <Field label="person.confirm_email" name="confirm_email" error=delete_error required=true form="delete"/>
                <button type="submit" class="btn-danger">{t("person.delete_submit")}</button>
            </PostForm<DeletePerson>>
        </section>
    }
}
