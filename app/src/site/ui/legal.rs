//! `/legal/{kind}`: a page the co-op's admins wrote (its terms, its privacy statement…), for
//! anyone. The text is shown as written, its blank lines starting new paragraphs.
use crate::i18n::t;
use crate::site::api::identity::legal;
use crate::site::model::links::KINDS;
use leptos::prelude::*;

#[component]
pub fn LegalPage() -> impl IntoView {
    let kind = crate::ui::address::param("kind").unwrap_or_default();
    let known = KINDS.contains(&kind.as_str());
    let title = if known { t(&format!("legal.{kind}")) } else { t("legal.missing") };
    crate::ui::awaited(async move {
        let page = if known { crate::ui::read(legal(kind.clone())).await.ok().flatten() } else { None };
        let body = match page {
            Some(page) => {
                page.body.split("\n\n").map(|p| view! { <p>{p.trim().to_string()}</p> }).collect_view().into_any()
            }
            None => view! { <p class="hint">{t("legal.not_written")}</p> }.into_any(),
        };
        view! {
            <section class="card" data-testid="legal">
                <crate::ui::PageHeading text=title/>
                {body}
            </section>
        }
        .into_any()
    })
}
