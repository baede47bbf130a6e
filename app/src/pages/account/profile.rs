//! The member's own page: profile, email, password, and leaving the co-op's portal.
use super::api::DeleteAccount;
use crate::accounts::api::{ChangeEmail, ChangePassword};
use crate::accounts::model::Me;
use crate::accounts::ui::RequireUser;
use crate::i18n::{Lang, t};
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

const TIME_ZONES: &[&str] = &[
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/Vienna",
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Europe/Athens",
    "Europe/Warsaw",
    "America/St_Johns",
    "America/Halifax",
    "America/Toronto",
    "America/Montreal",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Vancouver",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
];

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! { <RequireUser children=|me: Me| view! { <ProfileForms me/> }/> }
}

#[component]
fn ProfileForms(me: Me) -> impl IntoView {
    let saved = query_param("saved");
    let notice = move || match saved.get().as_str() {
        "profile" => Some(t("profile.saved")),
        "password" => Some(t("profile.password_saved")),
        "email" => Some(t("profile.email_sent")),
        "sso" => Some(t("sso.link.done")),
        _ => None,
    };
    view! {
        <crate::ui::PageHeading text=t("profile.title")/>
        {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <div class="grid-2">
            <DetailsForm me=me.clone()/>
            <EmailForm me/>
            <PasswordForm/>
            <crate::sso::ui::LinkProviders/>
            <section class="card">
                <h2>{t("profile.data")}</h2>
                <p>{t("profile.data_explain")}</p>
                <a href={<super::api::MyData as leptos::server_fn::ServerFn>::PATH} class="btn" download="my-data.json"
                    data-testid="my-data">{t("profile.data_download")}</a>
            </section>
            <DeleteForm/>
        </div>
    }
}

#[component]
fn DetailsForm(me: Me) -> impl IntoView {
    let action = ServerAction::<crate::accounts::api::UpdateProfile>::new();
    let error = form_error(action);
    let name = Signal::stored(me.name.clone());
    let tz = Signal::stored(me.time_zone.clone());
    let current_lang = me.language.clone();
    view! {
        <section class="card">
            <h2>{t("profile.details")}</h2>
            <ActionForm action=action attr:novalidate=true attr:data-testid="profile-form">
                <FormError error/>
                <Field label="field.name" name="name" error autocomplete="name" value=name required=true/>
                <div class="field">
                    <label for="f-language">{t("field.language")}</label>
                    <select id="f-language" name="language">
                        {Lang::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.code() selected=l.code() == current_lang>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Field label="field.time_zone" name="time_zone" error value=tz hint="field.time_zone.hint" list="time-zones"/>
                <datalist id="time-zones">
                    {TIME_ZONES.iter().map(|z| view! { <option value=*z/> }).collect_view()}
                </datalist>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn EmailForm(me: Me) -> impl IntoView {
    let action = ServerAction::<ChangeEmail>::new();
    let error = form_error(action);
    view! {
        <section class="card">
            <h2>{t("profile.email")}</h2>
            <p class="hint">{t("profile.email_now")} " " <strong>{me.email}</strong></p>
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <Field label="field.new_email" name="new_email" kind="email" error autocomplete="email" required=true/>
                <Field label="field.current_password" name="current_password" kind="password" error form="email"
                    autocomplete="current-password" required=true/>
                <Submit label="profile.email_submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = form_error(action);
    view! {
        <section class="card">
            <h2>{t("profile.password")}</h2>
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <Field label="field.current_password" name="current_password" kind="password" error form="password"
                    autocomplete="current-password" required=true/>
                <Field label="field.new_password" name="new_password" kind="password" error
                    autocomplete="new-password" hint="field.password.hint" required=true/>
                <Submit label="profile.password_submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn DeleteForm() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    let error = form_error(action);
    view! {
        <section class="card danger">
            <h2>{t("profile.delete")}</h2>
            <p>{t("profile.delete_explain")}</p>
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <Field label="field.current_password" name="current_password" kind="password" error form="delete"
                    autocomplete="current-password" required=true/>
                <button type="submit" class="btn-danger">{t("profile.delete_submit")}</button>
            </ActionForm>
        </section>
    }
}
