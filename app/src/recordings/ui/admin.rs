//! `/admin/recordings`: every recording of the co-op from the index, fifty to a page in the order
//! the admin picks, filtered by words and region, with the totals per region and per member; each
//! can be deleted for good once the admin ticks that they mean it.
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf};
use crate::recordings::api::{DeleteFromOverview, recordings_overview};
use crate::recordings::model::{Overview, OverviewRow, OverviewSort, Total, size_text};
use crate::ui::address::query;
use crate::ui::{FormError, PostForm, carried_error};
use leptos::prelude::*;

#[component]
pub fn AdminRecordingsPage() -> impl IntoView {
    let (words, region) = (query("q").unwrap_or_default(), query("region").unwrap_or_default());
    let sort = OverviewSort::parse(&query("sort").unwrap_or_default());
    let page = query("page").and_then(|p| p.parse().ok());
    let refused = Signal::stored(carried_error::<DeleteFromOverview>());
    view! {
        <RequireAdmin children=move |_| {
            let (words, region) = (words.clone(), region.clone());
            let shown = crate::ui::awaited(async move {
                match crate::ui::read(recordings_overview(words.clone(), region.clone(), sort.as_str().into(), page)).await {
                    Ok(found) => view! { <Found found words region sort/> }.into_any(),
                    Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                }
            });
            view! {
                <crate::ui::PageHeading text=t("recording.admin.title")/>
                <crate::ui::Notice flags=&[("deleted", "recording.deleted")]/>
                <FormError error=refused/>
                <p class="hint">{t("recording.admin.intro")}</p>
                {shown}
            }
        }/>
    }
}

#[component]
fn Found(found: Overview, words: String, region: String, sort: OverviewSort) -> impl IntoView {
    let mut regions: Vec<String> = found.per_region.iter().map(|r| r.label.clone()).collect();
    if !region.is_empty() && !regions.contains(&region) {
        regions.push(region.clone());
    }
    let link = {
        let (words, region) = (words.clone(), region.clone());
        move |to: usize| {
            let query = [("q", words.as_str()), ("region", region.as_str()), ("sort", sort.as_str())];
            let pairs: Vec<String> =
                query.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encoded(v))).collect();
            format!("/admin/recordings?{}&page={to}", pairs.join("&"))
        }
    };
    let (page, pages) = (found.page, found.pages);
    view! {
        <section class="card">
            <form method="get" class="search" role="search">
                <label for="f-q">{t("admin.search")}</label>
                <input id="f-q" name="q" type="search" value=words/>
                <label for="f-region">{t("recording.admin.region")}</label>
                <select id="f-region" name="region">
                    <option value="">{t("recording.admin.every_region")}</option>
                    {regions.into_iter().map(|code| {
                        let selected = code == region;
                        view! { <option value=code.clone() selected=selected>{code.clone()}</option> }
                    }).collect_view()}
                </select>
                <label for="f-sort">{t("recording.admin.sort")}</label>
                <select id="f-sort" name="sort">
                    {OverviewSort::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=s == sort>{t(&format!("recording.admin.sort.{}", s.as_str()))}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="btn">{t("admin.search_submit")}</button>
            </form>
            <p data-testid="recordings-total">
                {tf("recording.admin.total", &[("count", found.all.count.into()), ("size", size_text(found.all.size).into())])}
            </p>
            {if found.rows.is_empty() {
                view! { <p>{t("recording.mine.none")}</p> }.into_any()
            } else {
                view! { <Rows rows=found.rows/> }.into_any()
            }}
            {(pages > 1).then(|| view! {
                <nav class="pager" aria-label=t("recording.pages")>
                    {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t("recording.newer")}</a> })}
                    <span>{tf("recording.page", &[("page", page.into()), ("pages", pages.into())])}</span>
                    {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t("recording.older")}</a> })}
                </nav>
            })}
        </section>
        <div class="room-cards">
            <Totals title="recording.admin.per_region" totals=found.per_region testid="per-region"/>
            <Totals title="recording.admin.per_member" totals=found.per_member testid="per-member"/>
        </div>
    }
}

/// A value as it stands in a query string.
fn encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[component]
fn Rows(rows: Vec<OverviewRow>) -> impl IntoView {
    view! {
        <table class="table" data-testid="overview">
            <thead><tr>
                <th>{t("recording.name")}</th><th>{t("recording.admin.room")}</th><th>{t("recording.admin.owner")}</th>
                <th>{t("recording.admin.region")}</th><th>{t("recording.admin.date")}</th>
                <th>{t("recording.admin.length")}</th><th>{t("recording.admin.size")}</th>
                <th><span class="sr-only">{t("common.delete")}</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! { <Row r/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Row(r: OverviewRow) -> impl IntoView {
    let confirm_id = format!("del-{}", r.record_id);
    view! {
        <tr>
            <td>
                {r.name.clone()}
                {(!r.published).then(|| view! { " " <span class="badge">{t("recording.unpublished")}</span> })}
                <br/><span class="hint">{t(&format!("recording.visibility.{}", r.visibility.as_str()))}</span>
            </td>
            <td><a href=format!("/r/{}#recordings", r.room_slug)>{r.room_name.clone()}</a></td>
            <td>{r.owner_name.clone()}</td>
            <td>{r.region.clone()}</td>
            <td>{r.when.clone()}</td>
            <td>{tf("recording.minutes", &[("minutes", r.minutes.into())])}</td>
            <td>{r.size.map(size_text).unwrap_or_default()}</td>
            <td>
                <PostForm<DeleteFromOverview> class="inline">
                    <input type="hidden" name="record_id" value=r.record_id.clone()/>
                    <input type="checkbox" id=confirm_id.clone() name="confirm" value="on"/>
                    <label for=confirm_id>{t("recording.delete_confirm")}</label>
                    " " <button type="submit" class="btn-small">{t("common.delete")}</button>
                </PostForm<DeleteFromOverview>>
            </td>
        </tr>
    }
}

#[component]
fn Totals(title: &'static str, totals: Vec<Total>, testid: &'static str) -> impl IntoView {
    view! {
        <section class="card" data-testid=testid>
            <h2>{t(title)}</h2>
            <ul>
                {totals.into_iter().map(|total| view! {
                    <li>{tf("recording.admin.line", &[("label", total.label.into()), ("count", total.count.into()), ("size", size_text(total.size).into())])}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
