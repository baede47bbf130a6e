//! The administrators' list of every room: search, what runs now, and the way into each room
//! (admins may manage any room from its page).
use crate::accounts::model::Me;
use crate::accounts::ui::RequireAdmin;
use crate::i18n::{t, tf};
use crate::rooms::api::all_rooms;
use crate::rooms::model::{RoomDirectory, RoomListing};
use crate::rooms::ui::list::RoomState;
use crate::ui::FormError;
use crate::ui::address::query_param;
use leptos::prelude::*;

#[component]
pub fn AllRoomsPage() -> impl IntoView {
    view! { <RequireAdmin children=|_: Me| view! { <AllRooms/> }/> }
}

#[component]
fn AllRooms() -> impl IntoView {
    let q = query_param("q");
    let filter = query_param("state");
    let page_param = query_param("page");
    let page = Signal::derive(move || page_param.get().parse::<i64>().unwrap_or(0).max(0));
    let rooms = Resource::new(move || (q.get(), filter.get(), page.get()), |(q, f, p)| all_rooms(q, f, p));
    view! {
        <crate::ui::PageHeading text=t("admin.rooms.title")/>
        <section class="card">
            <form method="get" class="search" role="search">
                <label for="f-q">{t("admin.search")}</label>
                <input id="f-q" name="q" type="search" value=move || q.get()/>
                <label for="f-state">{t("admin.rooms.state")}</label>
                <select id="f-state" name="state">
                    <option value="">{t("admin.status.any")}</option>
                    <option value="running" selected=move || filter.get() == "running">
                        {t("admin.rooms.running_only")}
                    </option>
                </select>
                <button type="submit" class="btn">{t("admin.search_submit")}</button>
            </form>
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    match rooms.await {
                        Ok(directory) => view! {
                            <Directory directory q=q.get_untracked() filter=filter.get_untracked() page=page.get_untracked()/>
                        }.into_any(),
                        Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Directory(directory: RoomDirectory, q: String, filter: String, page: i64) -> impl IntoView {
    let totals =
        tf("admin.rooms.totals", &[("meetings", directory.running.into()), ("people", directory.participants.into())]);
    view! {
        <p data-testid="room-totals">{totals}</p>
        {if directory.rooms.is_empty() {
            view! { <p>{t("admin.rooms.none")}</p> }.into_any()
        } else {
            view! { <RoomTable rooms=directory.rooms/> }.into_any()
        }}
        // A GET form, so paging works without JavaScript and the search needs no escaping.
        <form method="get" class="actions">
            <input type="hidden" name="q" value=q/>
            <input type="hidden" name="state" value=filter/>
            {(page > 0).then(|| view! {
                <button type="submit" name="page" value=page - 1 class="btn-small">{t("admin.page.previous")}</button>
            })}
            {directory.more.then(|| view! {
                <button type="submit" name="page" value=page + 1 class="btn-small">{t("admin.page.next")}</button>
            })}
        </form>
    }
}

#[component]
fn RoomTable(rooms: Vec<RoomListing>) -> impl IntoView {
    view! {
        <table class="table" data-testid="all-rooms">
            <thead><tr>
                <th scope="col">{t("room.name")}</th>
                <th scope="col">{t("admin.rooms.owner")}</th>
                <th scope="col">{t("room.setting.region")}</th>
                <th scope="col">{t("admin.rooms.state")}</th>
            </tr></thead>
            <tbody>
                {rooms.into_iter().map(|r| view! {
                    <tr>
                        <td data-label=t("room.name")><a href=format!("/r/{}", r.slug)>{r.name.clone()}</a></td>
                        <td data-label=t("admin.rooms.owner")>{r.owner_name.clone()} <span class="hint">" " {r.owner_email.clone()}</span></td>
                        <td data-label=t("room.setting.region")>{r.region.clone()}</td>
                        <td data-label=t("admin.rooms.state")><RoomState running=r.running participants=r.participants/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
