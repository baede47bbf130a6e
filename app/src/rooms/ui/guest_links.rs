//! A room's named guest links on its settings page: the list, with each address to copy, its uses
//! and its end; a form to make one; revoking.
use crate::i18n::{Texts, t, tf, use_lang};
use crate::rooms::api::{CreateGuestLink, RevokeGuestLink};
use crate::rooms::model::GuestLinkView;
use crate::ui::{Field, FormError, PostForm, Submit, refusal_of};
use leptos::prelude::*;

#[component]
pub fn GuestLinks(slug: String, links: Vec<GuestLinkView>) -> impl IntoView {
    let error = refusal_of::<CreateGuestLink>();
    let texts = Texts::of(use_lang(), &["room.copy_link", "room.link_copied"]);
    view! {
        <section class="card" id="guest-links" data-testid="guest-links">
            <h2>{t("room.guest_links")}</h2>
            <p class="hint">{t("room.guest_links.hint")}</p>
            <crate::ui::Notice flags=&[("link_made", "room.guest_link.made"), ("link_revoked", "room.guest_link.revoked")]/>
            {links.is_empty().then(|| view! { <p>{t("room.guest_links.none")}</p> })}
            <ul>
                {links.into_iter().map(|link| view! { <LinkItem slug=slug.clone() link texts=texts.clone()/> }).collect_view()}
            </ul>
            <PostForm<CreateGuestLink> novalidate=true testid="guest-link-form">
                <FormError error/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <Field label="room.guest_link.name" name="name" error hint="room.guest_link.name.hint" form="guest-link" required=true/>
                <fieldset>
                    <legend>{t("room.guest_link.role")}</legend>
                    {["participant", "moderator"].into_iter().map(|role| {
                        let id = format!("f-guest-link-{role}");
                        view! {
                            <div class="check">
                                <input type="radio" id=id.clone() name="role" value=role checked=role == "participant"/>
                                <label for=id>{t(&format!("room.share_role.{role}"))}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <Field label="room.guest_link.valid_days" name="valid_days" kind="number" error value=Signal::stored("7".to_string()) form="guest-link"/>
                <Field label="room.guest_link.max_uses" name="max_uses" kind="number" error hint="room.guest_link.max_uses.hint" form="guest-link"/>
                <Submit label="room.guest_link.make" pending=false/>
            </PostForm<CreateGuestLink>>
        </section>
    }
}

#[component]
fn LinkItem(slug: String, link: GuestLinkView, texts: Texts) -> impl IntoView {
    let uses = match link.max_uses {
        Some(most) => tf("room.guest_link.uses_of", &[("count", link.uses.into()), ("most", most.into())]),
        None => tf("room.guest_link.uses", &[("count", link.uses.into())]),
    };
    let role = t(if link.moderator { "room.share_role.moderator" } else { "room.share_role.participant" });
    view! {
        <li data-testid="guest-link">
            <strong>{link.name.clone()}</strong> " · " {role} " · " {uses} " · "
            {if link.spent {
                view! { <span class="badge">{t("room.guest_link.spent")}</span> }.into_any()
            } else {
                view! { <span>{tf("room.guest_link.until", &[("when", (&link.expires).into())])}</span> }.into_any()
            }}
            {link.last_used.map(|when| view! { " · " {tf("room.guest_link.last_used", &[("when", (&when).into())])} })}
            {(!link.spent).then(|| view! {
                <div class="actions">
                    <input type="text" readonly=true value=link.link.clone() aria-label=link.name.clone() data-testid="guest-link-address"/>
                    <crate::rooms::ui::CopyButton text=link.link.clone() texts/>
                    <PostForm<RevokeGuestLink> class="inline">
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="id" value=link.id/>
                        <button type="submit" class="btn-small">{t("room.guest_link.revoke")}</button>
                    </PostForm<RevokeGuestLink>>
                </div>
            })}
        </li>
    }
}
