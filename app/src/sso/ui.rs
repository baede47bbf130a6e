//! The providers' buttons on the login and sign-up pages, and the admins' sign-in page.
use super::api::{ConfirmLink, Delete, Save, SetPasswords, Start, admin};
use super::model::{Button, ProviderView};
use crate::accounts::model::Me;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf, use_lang};
use crate::ui::address::query_param;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

/// One button per provider; each posts a form, so it works without JavaScript.
#[component]
pub fn ProviderButtons(providers: Vec<Button>) -> impl IntoView {
    let start = ServerAction::<Start>::new();
    let error = form_error(start);
    view! {
        <FormError error/>
        <div class="sso-buttons" data-testid="sso-buttons">
            {providers.into_iter().map(|p| view! {
                <ActionForm action=start>
                    <input type="hidden" name="provider" value=p.slug.clone()/>
                    <button type="submit" class="btn-primary sso-button">{tf("sso.sign_in_with", &[("provider", (&p.label).into())])}</button>
                </ActionForm>
            }).collect_view()}
        </div>
    }
}

/// On a member's profile: the providers they may link to their account (pressing one signs in
/// there and links it: their consent, as they are signed in here).
#[component]
pub fn LinkProviders() -> impl IntoView {
    crate::ui::awaited(async move {
        let options = crate::ui::read(super::api::sign_in_options()).await.unwrap_or_default();
        (!options.providers.is_empty()).then(|| {
            view! {
                <section class="card" data-testid="sso-link-providers">
                    <h2>{t("sso.link.title")}</h2>
                    <p class="hint">{t("sso.link.hint")}</p>
                    <ProviderButtons providers=options.providers/>
                </section>
            }
        })
    })
}

/// Where the link mailed to an account's owner leads: one button rather than acting on the GET,
/// so mail scanners that fetch links cannot use them up.
#[component]
pub fn ConfirmLinkPage() -> impl IntoView {
    let action = ServerAction::<ConfirmLink>::new();
    let error = form_error(action);
    let token = query_param("token");
    view! {
        <section class="card narrow">
            <crate::ui::PageHeading text=t("sso.confirm.title")/>
            <p>{t("sso.confirm.explain")}</p>
            <ActionForm action=action attr:data-testid="sso-confirm-form">
                <FormError error/>
                <input type="hidden" name="token" value=move || token.get()/>
                <Submit label="sso.confirm.submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// What the single sign-on callback sent the browser back with (`/login?sso=<key>`): only keys of
/// our own messages are shown.
pub fn callback_message(key: &str) -> Option<&'static str> {
    let ours = ["sso.", "login.", "error."].iter().any(|p| key.starts_with(p));
    (ours && crate::i18n::Lang::knows(key)).then(|| t(key))
}

#[component]
pub fn SsoAdminPage() -> impl IntoView {
    view! { <RequireAdmin children=|_: Me| view! { <SsoAdmin/> }/> }
}

#[component]
fn SsoAdmin() -> impl IntoView {
    let save = ServerAction::<Save>::new();
    let delete = ServerAction::<Delete>::new();
    let passwords = ServerAction::<SetPasswords>::new();
    let (delete_error, passwords_error) = (form_error(delete), form_error(passwords));
    let edit = query_param("edit");
    let saved = query_param("saved").get_untracked() == "1";
    let page = crate::ui::awaited(async move {
        let page = match crate::ui::read(admin()).await {
            Ok(page) => page,
            Err(e) => return view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        };
        let current = page.providers.iter().find(|p| p.slug == edit.get_untracked() && !p.from_config).cloned();
        view! {
            <section class="card">
                <FormError error=delete_error/>
                {if page.providers.is_empty() {
                    view! { <p>{t("sso.none")}</p> }.into_any()
                } else {
                    view! { <ProviderTable list=page.providers.clone() delete/> }.into_any()
                }}
                <p class="hint">{t("sso.redirect_hint")} " " <code>{format!("{}<slug>/callback", page.redirect_base)}</code></p>
            </section>
            <section class="card">
                <h2>{t("sso.passwords.title")}</h2>
                <FormError error=passwords_error/>
                <ActionForm action=passwords attr:data-testid="sso-passwords">
                    <div class="check">
                        <input type="checkbox" id="f-passwords" name="passwords" value="on" checked=page.passwords disabled=page.passwords_from_config/>
                        <label for="f-passwords">{t("sso.passwords.label")}</label>
                    </div>
                    <p class="hint">{if page.passwords_from_config { t("sso.passwords.from_config") } else { t("sso.passwords.hint") }}</p>
                    {(!page.passwords_from_config).then(|| view! { <Submit label="common.save" pending=passwords.pending()/> })}
                </ActionForm>
            </section>
            <ProviderForm action=save current/>
        }
        .into_any()
    });
    view! {
        <crate::ui::PageHeading text=t("sso.admin.title")/>
        {saved.then(|| view! { <p class="notice" role="status">{t("sso.saved")}</p> })}
        {page}
    }
}

#[component]
fn ProviderTable(list: Vec<ProviderView>, delete: ServerAction<Delete>) -> impl IntoView {
    view! {
        <table class="table" data-testid="sso-providers">
            <thead><tr>
                <th scope="col">{t("sso.label")}</th>
                <th scope="col">{t("sso.issuer")}</th>
                <th scope="col">{t("sso.members")}</th>
                <th scope="col">{t("admin.actions")}</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|p| {
                    let slug = p.slug.clone();
                    view! {
                        <tr>
                            <td data-label=t("sso.label")>{p.label.clone()} <span class="hint">" (" {p.slug.clone()} ")"</span>
                                {p.from_config.then(|| view! { <p class="hint">{t("sso.from_config")}</p> })}</td>
                            <td data-label=t("sso.issuer")><code>{p.issuer.clone()}</code> <p class="hint">{p.scopes.clone()}</p></td>
                            <td data-label=t("sso.members")>{p.members}</td>
                            <td data-label=t("admin.actions")>{(!p.from_config).then(move || view! {
                                <div class="actions">
                                    <a class="btn-small" href=format!("/admin/sign-in?edit={slug}")>{t("common.edit")}</a>
                                    <ActionForm action=delete attr:class="inline">
                                        <input type="hidden" name="slug" value=slug.clone()/>
                                        <button type="submit" class="btn-small">{t("common.delete")}</button>
                                    </ActionForm>
                                </div>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn ProviderForm(action: ServerAction<Save>, current: Option<ProviderView>) -> impl IntoView {
    let error = form_error(action);
    let creating = current.is_none();
    let p = current.unwrap_or(ProviderView {
        slug: String::new(),
        label: String::new(),
        issuer: String::new(),
        client_id: String::new(),
        scopes: super::model::DEFAULT_SCOPES.into(),
        from_config: false,
        members: 0,
    });
    let lang = use_lang();
    let text = |s: String| Signal::stored(s);
    view! {
        <section class="card">
            <h2>{if creating { lang.t("sso.add") } else { lang.t("sso.edit") }}</h2>
            <ActionForm action=action attr:novalidate=true attr:data-testid="sso-form">
                <FormError error/>
                {if creating {
                    view! {
                        <input type="hidden" name="creating" value="1"/>
                        <Field label="sso.slug" name="slug" error hint="sso.slug_hint" required=true/>
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="slug" value=p.slug.clone()/> <p>{t("sso.slug")} ": " <strong>{p.slug.clone()}</strong></p> }.into_any()
                }}
                <Field label="sso.label" name="label" error value=text(p.label.clone()) hint="sso.label_hint" required=true/>
                <Field label="sso.issuer" name="issuer" kind="url" error value=text(p.issuer.clone()) hint="sso.issuer_hint" required=true/>
                <Field label="sso.client_id" name="client_id" error value=text(p.client_id.clone()) required=true/>
                <Field label="sso.client_secret" name="client_secret" kind="password" error autocomplete="off"
                    hint=if creating { "sso.client_secret_hint_new" } else { "sso.client_secret_hint_keep" } required=creating/>
                <Field label="sso.scopes" name="scopes" error value=text(p.scopes.clone()) hint="sso.scopes_hint"/>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
