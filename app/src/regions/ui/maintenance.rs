//! Planned maintenance as people meet it: the admins' page (plan a window, remove one), a section
//! of the status page, and every page's banner while a window runs or is two days away.
use crate::accounts::ui::RequireAdmin;
use crate::error::AppError;
use crate::i18n::{t, tf};
use crate::regions::api::admin_regions;
use crate::regions::api::maintenance::{DeleteWindow, SaveWindow, all_windows, planned_windows};
use crate::regions::model::maintenance::Planned;
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn when(p: &Planned) -> String {
    tf(
        "maintenance.when",
        &[
            ("region", p.region_name.as_str().into()),
            ("from", p.starts.as_str().into()),
            ("until", p.ends.as_str().into()),
        ],
    )
}

#[component]
pub fn AdminMaintenancePage() -> impl IntoView {
    let error = Signal::stored(carried_error::<SaveWindow>());
    view! {
        <RequireAdmin children=move |_| {
            let page = crate::ui::awaited(async move {
                let (regions, windows) = futures::join!(crate::ui::read(admin_regions()), crate::ui::read(all_windows()));
                match (regions, windows) {
                    (Ok(regions), Ok(windows)) => view! {
                        <section class="card">
                            <h2>{t("maintenance.new")}</h2>
                            <NewWindow error regions=regions.into_iter().map(|r| (r.code, r.name)).collect()/>
                        </section>
                        <Windows windows/>
                    }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("maintenance.admin_title")/>
                <crate::ui::Notice flags=&[("saved", "maintenance.saved"), ("deleted", "maintenance.deleted")]/>
                <p class="hint">{t("maintenance.admin_intro")}</p>
                {page}
            }
        }/>
    }
}

#[component]
fn NewWindow(error: Signal<Option<AppError>>, regions: Vec<(String, String)>) -> impl IntoView {
    let chosen = Kept::for_form(<SaveWindow as ServerFn>::PATH).text("region", "");
    view! {
        <FormError error/>
        <PostForm<SaveWindow> testid="maintenance-form">
            <div class="field">
                <label for="f-region">{t("maintenance.region")}</label>
                <select id="f-region" name="region">
                    {regions.into_iter().map(|(code, name)| {
                        let selected = code == chosen;
                        view! { <option value=code.clone() selected=selected>{format!("{name} ({code})")}</option> }
                    }).collect_view()}
                </select>
                <crate::ui::FieldMessage error name="region"/>
            </div>
            <Field label="maintenance.starts" name="starts" kind="datetime-local" error required=true/>
            <Field label="maintenance.ends" name="ends" kind="datetime-local" error required=true/>
            <Field label="maintenance.note" name="note" error hint="maintenance.note.hint"/>
            <button type="submit" class="btn-primary">{t("maintenance.plan")}</button>
        </PostForm<SaveWindow>>
    }
}

#[component]
fn Windows(windows: Vec<Planned>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("maintenance.list")}</h2>
            {windows.is_empty().then(|| view! { <p class="hint">{t("maintenance.none")}</p> })}
            <ul data-testid="maintenance-windows">
                {windows.into_iter().map(|w| view! {
                    <li>
                        {when(&w)} " · " {t(&format!("announcement.state.{}", w.state))}
                        {(!w.note.is_empty()).then(|| view! { <p>{w.note.clone()}</p> })}
                        <PostForm<DeleteWindow> class="inline">
                            <input type="hidden" name="id" value=w.id/>
                            <button type="submit" class="btn-danger">{t("maintenance.delete")}</button>
                        </PostForm<DeleteWindow>>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The status page's list of planned windows (nothing when none is planned).
#[component]
pub fn PlannedMaintenance() -> impl IntoView {
    crate::ui::awaited(async move {
        let windows = crate::ui::read(planned_windows(false)).await.unwrap_or_default();
        (!windows.is_empty())
            .then(|| {
                view! {
                    <section class="card" data-testid="planned-maintenance">
                        <h2>{t("maintenance.planned")}</h2>
                        <ul>
                            {windows.into_iter().map(|w| view! {
                                <li>{when(&w)}{(!w.note.is_empty()).then(|| format!(" — {}", w.note))}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })
            .into_any()
    })
}

/// Above every page while a window runs or starts within two days: a warning, read out as one.
#[component]
pub fn MaintenanceBanner() -> impl IntoView {
    crate::ui::awaited(async move {
        // A page shows without it rather than not at all.
        let windows = crate::ui::read(planned_windows(true)).await.unwrap_or_default();
        windows
            .into_iter()
            .map(|w| {
                let key = if w.state == "running" { "maintenance.banner.running" } else { "maintenance.banner.coming" };
                let text = tf(key, &[("when", when(&w).into())]);
                view! { <p class="banner banner-warning" role="alert" data-testid="maintenance-banner">{text}</p> }
            })
            .collect_view()
            .into_any()
    })
}
