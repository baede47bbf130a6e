//! `/admin/announcements`: the announcements (running, to come, over) with a way to take each
//! down, and the form that publishes one: its kind, when it runs, its text in one language or more.
use crate::accounts::ui::RequireAdmin;
use crate::error::AppError;
use crate::i18n::t;
use crate::site::api::{DeleteAnnouncement, SaveAnnouncement, all_announcements};
use crate::site::model::{AnnouncementLine, Kind};
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminAnnouncementsPage() -> impl IntoView {
    let error = Signal::stored(carried_error::<SaveAnnouncement>());
    view! {
        <RequireAdmin children=move |_| {
            let list = crate::ui::awaited(async move {
                match crate::ui::read(all_announcements()).await {
                    Ok(lines) => view! { <Lines lines/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("announcement.admin_title")/>
                <crate::ui::Notice flags=&[("saved", "announcement.saved"), ("deleted", "announcement.deleted")]/>
                <p class="hint">{t("announcement.admin_intro")}</p>
                <section class="card">
                    <h2>{t("announcement.new")}</h2>
                    <NewAnnouncement error/>
                </section>
                {list}
            }
        }/>
    }
}

#[component]
fn NewAnnouncement(error: Signal<Option<AppError>>) -> impl IntoView {
    // After a refusal the kind chosen stays chosen, like the typed fields.
    let warning = Kept::for_form(<SaveAnnouncement as ServerFn>::PATH).text("kind", "info") == "warning";
    view! {
        <FormError error/>
        <PostForm<SaveAnnouncement> testid="announcement-form">
            <fieldset class="field">
                <legend>{t("announcement.kind")}</legend>
                <div class="check">
                    <input type="radio" id="kind-info" name="kind" value="info" checked=!warning/>
                    <label for="kind-info">{t("announcement.kind.info")}</label>
                </div>
                <div class="check">
                    <input type="radio" id="kind-warning" name="kind" value="warning" checked=warning/>
                    <label for="kind-warning">{t("announcement.kind.warning")}</label>
                </div>
            </fieldset>
            <Field label="announcement.starts" name="starts" kind="datetime-local" error required=true/>
            <Field label="announcement.ends" name="ends" kind="datetime-local" error required=true/>
            <p class="hint">{t("announcement.languages_hint")}</p>
            <Field label="announcement.text_en" name="text_en" error/>
            <Field label="announcement.text_de" name="text_de" error/>
            <Field label="announcement.text_fr" name="text_fr" error/>
            <Field label="announcement.text_es" name="text_es" error/>
            <button type="submit" class="btn-primary">{t("announcement.publish")}</button>
        </PostForm<SaveAnnouncement>>
    }
}

#[component]
fn Lines(lines: Vec<AnnouncementLine>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("announcement.list")}</h2>
            {lines.is_empty().then(|| view! { <p class="hint">{t("announcement.none")}</p> })}
            <ul data-testid="announcements">
                {lines.into_iter().map(|a| view! {
                    <li>
                        <strong>{t(if a.kind == Kind::Warning { "announcement.kind.warning" } else { "announcement.kind.info" })}</strong>
                        " · " {a.starts} " – " {a.ends} " · " {t(&format!("announcement.state.{}", a.state))}
                        {a.texts.into_iter().map(|(lang, text)| view! { <p lang=lang>{text}</p> }).collect_view()}
                        <PostForm<DeleteAnnouncement> class="inline">
                            <input type="hidden" name="id" value=a.id/>
                            <button type="submit" class="btn-danger">{t("announcement.delete")}</button>
                        </PostForm<DeleteAnnouncement>>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
