//! Sharing a room with members, each in a role, and giving it to another member.
use crate::i18n::t;
use crate::rooms::api::{ShareRoom, TransferRoom, UnshareRoom};
use crate::rooms::model::{Share, ShareRole};
use crate::ui::{Check, Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn Sharing(slug: String, shares: Vec<Share>, owner: bool) -> impl IntoView {
    let share = ServerAction::<ShareRoom>::new();
    let unshare = ServerAction::<UnshareRoom>::new();
    let error = form_error(share);
    let shared = move || matches!(share.value().get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>{t("room.shares")}</h2>
            <p class="hint">{t("room.shares.hint")}</p>
            <ul data-testid="shares">
                {shares.into_iter().map(|c| {
                    let slug = slug.clone();
                    view! {
                        <li>
                            {c.name.clone()} " (" {c.email.clone()} ") · "
                            <span data-testid="share-role">{t(&format!("room.share_role.{}", c.role.name()))}</span> " "
                            {owner.then(|| view! {
                                <ActionForm action=unshare attr:class="inline">
                                    <input type="hidden" name="slug" value=slug/>
                                    <input type="hidden" name="user_id" value=c.user_id/>
                                    <button type="submit" class="btn-small">{t("room.unshare")}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {owner.then(|| view! {
                {move || shared().then(|| view! { <p class="notice" role="status">{t("room.shared")}</p> })}
                <ActionForm action=share attr:novalidate=true>
                    <FormError error/>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <Field label="room.share_email" name="email" kind="email" error form="share"/>
                    <Roles/>
                    <Submit label="room.share" pending=share.pending()/>
                </ActionForm>
            })}
        </section>
    }
}

/// The three roles, each explained; co-owner first chosen, as every share was before roles.
#[component]
fn Roles() -> impl IntoView {
    view! {
        <fieldset>
            <legend>{t("room.share_role")}</legend>
            {ShareRole::ALL.into_iter().map(|role| {
                let id = format!("f-share-role-{}", role.name());
                view! {
                    <div class="check-explained">
                        <input type="radio" id=id.clone() name="role" value=role.name() checked=role == ShareRole::CoOwner/>
                        <label for=id>
                            <span>{t(&format!("room.share_role.{}", role.name()))}</span>
                            <span class="hint">{t(&format!("room.share_role.{}.hint", role.name()))}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Gives the room to another member (its owner only).
#[component]
pub fn TransferForm(slug: String) -> impl IntoView {
    let action = ServerAction::<TransferRoom>::new();
    let error = form_error(action);
    view! {
        <section class="card" data-testid="transfer">
            <h2>{t("room.transfer")}</h2>
            <p class="hint">{t("room.transfer.hint")}</p>
            <ActionForm action=action attr:novalidate=true>
                <FormError error/>
                <input type="hidden" name="slug" value=slug/>
                <Field label="room.transfer_email" name="email" kind="email" error form="transfer"/>
                <Check label="room.transfer_stay" name="stay" error form="transfer"/>
                <Check label="room.transfer_confirm" name="confirm" error form="transfer"/>
                <Submit label="room.transfer_submit" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
