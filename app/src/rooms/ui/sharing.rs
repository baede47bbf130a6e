//! Sharing a room with co-owners.
use crate::i18n::t;
use crate::rooms::api::{ShareRoom, UnshareRoom};
use crate::rooms::model::CoOwner;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;

#[component]
pub fn Sharing(slug: String, co_owners: Vec<CoOwner>, owner: bool) -> impl IntoView {
    let share = ServerAction::<ShareRoom>::new();
    let unshare = ServerAction::<UnshareRoom>::new();
    let error = form_error(share);
    let shared = move || matches!(share.value().get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>{t("room.co_owners")}</h2>
            <p class="hint">{t("room.co_owners.hint")}</p>
            <ul data-testid="co-owners">
                {co_owners.into_iter().map(|c| {
                    let slug = slug.clone();
                    view! {
                        <li>
                            {c.name.clone()} " (" {c.email.clone()} ") "
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
                    <Submit label="room.share" pending=share.pending()/>
                </ActionForm>
            })}
        </section>
    }
}
