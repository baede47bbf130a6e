//! The admin's regions page and the comparison members see wherever they pick a region; planned
//! maintenance (`maintenance`).
mod maintenance;

use super::api::{DeleteRegion, SaveRegion, admin_regions, list_regions, test_region};
use super::model::Region;
use crate::accounts::model::Me;
use crate::accounts::ui::RequireAdmin;
use crate::bbb::Algorithm;
use crate::i18n::{t, tf, use_lang};
use crate::ui::address::query_param;
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, Submit, form_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
pub use maintenance::{AdminMaintenancePage, MaintenanceBanner, PlannedMaintenance};

fn limit(n: i64) -> String {
    if n > 0 { n.to_string() } else { t("region.no_limit").to_string() }
}

/// What each region offers, side by side, read when shown.
#[component]
pub fn RegionComparison() -> impl IntoView {
    crate::ui::awaited(async move {
        view! { <RegionOffers regions=crate::ui::read(list_regions()).await.unwrap_or_default()/> }
    })
}

/// What each region offers, side by side, for a page that read them already.
#[component]
pub fn RegionOffers(regions: Vec<Region>) -> impl IntoView {
    view! {
        <table class="table" data-testid="region-comparison">
            <caption class="sr-only">{t("region.compare")}</caption>
            <thead><tr>
                <th scope="col">{t("region.name")}</th>
                <th scope="col">{t("region.recording")}</th>
                <th scope="col">{t("region.max_meeting")}</th>
                <th scope="col">{t("region.capacity")}</th>
            </tr></thead>
            <tbody>
                {regions.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">
                            {r.name.clone()}
                            {r.is_default.then(|| view! { " " <span class="badge">{t("region.default")}</span> })}
                            {r.demo.then(|| view! { " " <span class="badge badge-demo" data-testid="demo">{t("region.demo")}</span> })}
                        </th>
                        <td data-label=t("region.recording")>{if r.recording { t("common.yes") } else { t("region.no_recording") }}</td>
                        <td data-label=t("region.max_meeting")>{limit(r.max_meeting)}</td>
                        <td data-label=t("region.capacity")>{limit(r.capacity)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn RegionsPage() -> impl IntoView {
    view! { <RequireAdmin children=|_: Me| view! { <RegionsAdmin/> }/> }
}

#[component]
fn RegionsAdmin() -> impl IntoView {
    let save = ServerAction::<SaveRegion>::new();
    let delete = ServerAction::<DeleteRegion>::new();
    let delete_error = form_error(delete);
    let regions = Resource::new(move || (save.version().get(), delete.version().get()), |_| admin_regions());
    let edit = query_param("edit");
    // Set by the server functions' redirects, and by the "Test connection" buttons (see `TestResults`).
    let (saved, deleted) = (query_param("saved").get_untracked(), query_param("deleted").get_untracked());
    let tested = query_param("test").get_untracked();
    view! {
        <crate::ui::PageHeading text=t("admin.regions.title")/>
        {(saved == "1").then(|| view! { <p class="notice" role="status">{t("region.saved")}</p> })}
        {(deleted == "1").then(|| view! { <p class="notice" role="status">{t("region.deleted")}</p> })}
        {(!tested.is_empty()).then(|| view! { <TestResults code=tested/> })}
        <section class="card">
            <FormError error=delete_error/>
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match regions.await {
                        Ok(list) if list.is_empty() => view! { <p>{t("region.none")}</p> }.into_any(),
                        Ok(list) => view! { <RegionTable list delete/> }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let code = edit.get();
                let current = regions.await.ok().and_then(|l| l.into_iter().find(|r| r.code == code && !r.from_config));
                view! { <RegionForm action=save current/> }
            })}
        </Transition>
    }
}

#[component]
fn RegionTable(list: Vec<Region>, delete: ServerAction<DeleteRegion>) -> impl IntoView {
    view! {
        <table class="table" data-testid="regions">
            <thead><tr>
                <th scope="col">{t("region.code")}</th>
                <th scope="col">{t("region.name")}</th>
                <th scope="col">{t("region.api_url")}</th>
                <th scope="col">{t("region.offers")}</th>
                <th scope="col">{t("admin.actions")}</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|r| {
                    let code = r.code.clone();
                    let edit_code = code.clone();
                    view! {
                        <tr>
                            <td data-label=t("region.code")>{r.code.clone()}</td>
                            <td data-label=t("region.name")>
                                {r.name.clone()}
                                {r.is_default.then(|| view! { " " <span class="badge">{t("region.default")}</span> })}
                                {r.demo.then(|| view! { " " <span class="badge badge-demo" data-testid="demo">{t("region.demo")}</span> })}
                                {(!r.enabled).then(|| view! { " " <span class="badge">{t("region.disabled")}</span> })}
                                {r.from_config.then(|| view! { <p class="hint">{t("region.from_config_note")}</p> })}
                            </td>
                            <td data-label=t("region.api_url")><code>{r.api_url.clone()}</code> " " <span class="hint">{r.checksum.as_str()}</span></td>
                            <td data-label=t("region.offers")>
                                {if r.recording { t("region.recording") } else { t("region.no_recording") }} ", "
                                {t("region.max_meeting")} " " {limit(r.max_meeting)} ", "
                                {t("region.capacity")} " " {limit(r.capacity)}
                            </td>
                            <td><div class="actions">
                                <form method="get" action="/admin/regions" class="inline">
                                    <input type="hidden" name="test" value=code.clone()/>
                                    <button type="submit" class="btn-small">{t("region.test")}</button>
                                </form>
                                {(!r.from_config).then(move || view! {
                                    <a class="btn-small" href=format!("/admin/regions?edit={edit_code}")>{t("common.edit")}</a>
                                    <ActionForm action=delete attr:class="inline">
                                        <input type="hidden" name="code" value=edit_code.clone()/>
                                        <button type="submit" class="btn-small">{t("common.delete")}</button>
                                    </ActionForm>
                                })}
                            </div></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The connection test of region `code`, at the top of the page where the admin lands. "Test
/// connection" is a plain GET form (`?test=<code>`): the page runs the test as it is written, so the
/// result shows with and without JavaScript, and it is the region's real answer, never one carried
/// in the address. The test only reads (the API root and `getMeetings`), so a GET may run it.
#[component]
fn TestResults(code: String) -> impl IntoView {
    let lang = use_lang();
    crate::ui::awaited(async move {
        // Named as the admin knows it; the code if the region is gone.
        let name = crate::ui::read(admin_regions())
            .await
            .ok()
            .and_then(|list| list.into_iter().find(|r| r.code == code).map(|r| r.name))
            .unwrap_or_else(|| code.clone());
        match crate::ui::read(test_region(code.clone())).await {
            Ok(checks) => {
                let passed = checks.iter().all(|c| c.ok);
                let (class, role) = if passed { ("notice", "status") } else { ("form-error", "alert") };
                let summary = if passed {
                    tf("region.test_passed", &[("region", (&name).into())])
                } else {
                    tf("region.test_failed", &[("region", (&name).into())])
                };
                view! {
                    <div class=class role=role data-testid="region-test">
                        <p>{summary}</p>
                        <ul class="checks">
                            {checks.into_iter().map(|c| view! {
                                <li class=if c.ok { "check-ok" } else { "check-failed" }>
                                    {t(&format!("region.step.{}", c.step))} ": " {lang.msg(&c.detail)}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                }
                .into_any()
            }
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    })
}

#[component]
fn RegionForm(action: ServerAction<SaveRegion>, current: Option<Region>) -> impl IntoView {
    let error = form_error(action);
    let creating = current.is_none();
    let r = current.unwrap_or(Region {
        code: String::new(),
        name: String::new(),
        api_url: String::new(),
        checksum: Algorithm::default(),
        recording: true,
        max_meeting: 0,
        capacity: 0,
        bookable_percent: 80,
        event_tag: None,
        health_url: None,
        enabled: true,
        is_default: false,
        from_config: false,
        demo: false,
    });
    let kept = Kept::for_form(<SaveRegion as ServerFn>::PATH);
    let checksum = kept.text("checksum", r.checksum.as_str());
    let text = |s: String| Signal::stored(s);
    let count = |n: i64| Signal::stored(if n > 0 { n.to_string() } else { String::new() });
    view! {
        <section class="card">
            <h2>{if creating { t("region.add") } else { t("region.edit") }}</h2>
            <ActionForm action=action attr:novalidate=true attr:data-testid="region-form">
                <FormError error/>
                {creating.then(|| view! { <input type="hidden" name="creating" value="1"/> })}
                {if creating {
                    view! { <Field label="region.code" name="code" error hint="region.code_hint" required=true/> }.into_any()
                } else {
                    view! { <input type="hidden" name="code" value=r.code.clone()/> <p>{t("region.code")} ": " <strong>{r.code.clone()}</strong></p> }.into_any()
                }}
                <Field label="region.name" name="name" error value=text(r.name.clone()) required=true/>
                <Field label="region.api_url" name="api_url" kind="url" error value=text(r.api_url.clone()) hint="region.api_url_hint" required=true/>
                <Field label="region.secret" name="secret" kind="password" error autocomplete="off"
                    hint=if creating { "region.secret_hint_new" } else { "region.secret_hint_keep" } required=creating/>
                <div class="field">
                    <label for="f-checksum">{t("region.checksum")}</label>
                    <select id="f-checksum" name="checksum">
                        {Algorithm::ALL.into_iter().map(|a| view! { <option value=a.as_str() selected=a.as_str() == checksum>{a.as_str()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="check"><input type="checkbox" id="f-recording" name="recording" value="on" checked=kept.checked("recording", r.recording)/>
                    <label for="f-recording">{t("region.recording_allowed")}</label></div>
                <Field label="region.max_meeting" name="max_meeting" kind="number" error value=count(r.max_meeting) hint="region.max_meeting_hint"/>
                <Field label="region.capacity" name="capacity" kind="number" error value=count(r.capacity) hint="region.capacity_hint"/>
                <Field label="region.bookable_percent" name="bookable_percent" kind="number" error value=Signal::stored(r.bookable_percent.to_string()) hint="region.bookable_percent_hint"/>
                <Field label="region.event_tag" name="event_tag" error value=text(r.event_tag.clone().unwrap_or_default()) hint="region.event_tag_hint"/>
                <Field label="region.health_url" name="health_url" kind="url" error value=text(r.health_url.clone().unwrap_or_default()) hint="region.health_url_hint"/>
                <div class="check"><input type="checkbox" id="f-enabled" name="enabled" value="on" checked=kept.checked("enabled", r.enabled)/>
                    <label for="f-enabled">{t("region.enabled")}</label></div>
                <div class="check"><input type="checkbox" id="f-is_default" name="is_default" value="on" checked=kept.checked("is_default", r.is_default)/>
                    <label for="f-is_default">{t("region.is_default")}</label></div>
                <Submit label="common.save" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
