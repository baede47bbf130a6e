//! The legal and help links on `/admin/site`: for each, an address or a short text; and whether a
//! new member accepts the terms. What was typed stays after a refusal, with the reason beside it.
use crate::i18n::t;
use crate::site::api::identity::{SaveLinks, read_links};
use crate::site::model::links::{KINDS, LinksView};
use crate::ui::typed::Kept;
use crate::ui::{Field, FieldMessage, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn LinksSection() -> impl IntoView {
    crate::ui::awaited(async move {
        match crate::ui::read(read_links()).await {
            Ok(view) => view! { <LinksForm view/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

const ADDRESS: [&str; 5] =
    ["imprint_address", "terms_address", "privacy_address", "accessibility_address", "help_address"];
const BODY: [&str; 5] = ["imprint_body", "terms_body", "privacy_body", "accessibility_body", "help_body"];

#[component]
fn LinksForm(view: LinksView) -> impl IntoView {
    let error = Signal::stored(carried_error::<SaveLinks>());
    let typed = Kept::for_form(<SaveLinks as ServerFn>::PATH);
    let ask = typed.checked("ask_terms", view.ask_terms);
    let fields: Vec<_> = KINDS
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let link = view.links.iter().find(|l| l.kind == *kind);
            let address = link.and_then(|l| l.address.clone()).unwrap_or_default();
            let body = typed.text(BODY[i], link.and_then(|l| l.body.clone()).unwrap_or_default());
            let id = format!("f-{}", BODY[i]);
            view! {
                <fieldset class="field">
                    <legend>{t(&format!("legal.{kind}"))}</legend>
                    <Field label="site.link.address" name=ADDRESS[i] error value=Signal::stored(address)/>
                    <label for=id.clone()>{t("site.link.body")}</label>
                    <textarea id=id name=BODY[i] rows="4">{body}</textarea>
                    <FieldMessage error name=BODY[i]/>
                </fieldset>
            }
        })
        .collect();
    view! {
        <section class="card" id="links" data-testid="links">
            <h2>{t("site.links")}</h2>
            <crate::ui::Notice flags=&[("links", "common.saved")]/>
            <p class="hint">{t("site.links.hint")}</p>
            <FormError error/>
            <PostForm<SaveLinks> testid="links-form">
                {fields}
                <div class="check">
                    <input type="checkbox" id="f-ask_terms" name="ask_terms" value="on" checked=ask/>
                    <label for="f-ask_terms">{t("site.ask_terms")}</label>
                </div>
                <FieldMessage error name="ask_terms"/>
                <button type="submit" class="btn-primary">{t("common.save")}</button>
            </PostForm<SaveLinks>>
        </section>
    }
}
