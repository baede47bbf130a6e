//! `/schedule`: the member's week, their coming and recent bookings, their calendar feed and when
//! they are reminded. Times are in their zone, named.
use crate::error::AppError;
use crate::i18n::{Texts, t, tf, use_lang};
use crate::rooms::ui::CopyButton;
use crate::schedule::api::{ResetFeed, SetReminders, schedule_data};
use crate::schedule::model::{BookingView, SchedulePage as Data};
use crate::ui::address::query_param;
use crate::ui::{FormError, refusal_of};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn SchedulePage() -> impl IntoView {
    let week = query_param("week").get_untracked().parse::<i64>().unwrap_or(0);
    let notice =
        ["booked", "cancelled", "saved", "feed"].into_iter().find(|k| !query_param(k).get_untracked().is_empty());
    let page = crate::ui::awaited(async move {
        match crate::ui::read(schedule_data(week)).await {
            Ok(data) => view! { <Schedule data/> }.into_any(),
            Err(AppError::NotSignedIn) => view! { <crate::ui::Redirect path="/login"/> }.into_any(),
            Err(e) => view! { <FormError error=Signal::stored(Some(e))/> }.into_any(),
        }
    });
    view! {
        <crate::ui::PageHeading text=t("schedule.title")/>
        {notice.map(|k| view! { <p class="notice" role="status">{t(&format!("schedule.notice.{k}"))}</p> })}
        <p><a class="btn-primary" href="/schedule/new" data-testid="book-meeting">{t("booking.new")}</a></p>
        {page}
    }
}

#[component]
fn Schedule(data: Data) -> impl IntoView {
    view! {
        <p class="hint">{tf("booking.zone", &[("zone", (&data.zone).into())])}</p>
        <Week days=data.days bookings=data.week offset=data.week_offset/>
        <section class="card">
            <h2>{t("schedule.upcoming")}</h2>
            <List bookings=data.upcoming testid="upcoming"/>
        </section>
        {(!data.past.is_empty()).then(|| view! {
            <section class="card"><h2>{t("schedule.past")}</h2><List bookings=data.past testid="past"/></section>
        })}
        <div class="grid-2">
            <Feed url=data.feed/>
            <Reminders minutes=data.remind_minutes/>
        </div>
    }
}

/// A week as seven columns, Monday first, each day's bookings in order.
#[component]
fn Week(days: Vec<String>, bookings: Vec<BookingView>, offset: i64) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="week-title">
            <h2 id="week-title">{t("schedule.week")} " " {days.first().cloned().unwrap_or_default()}</h2>
            <p>
                <a class="btn-small" href=format!("/schedule?week={}", offset - 1)>{t("schedule.previous_week")}</a> " "
                <a class="btn-small" href="/schedule">{t("schedule.this_week")}</a> " "
                <a class="btn-small" href=format!("/schedule?week={}", offset + 1)>{t("schedule.next_week")}</a>
            </p>
            <div class="week" data-testid="week">
                {days.into_iter().enumerate().map(|(n, day)| {
                    let mine: Vec<BookingView> = bookings.iter().filter(|b| b.weekday as usize == n).cloned().collect();
                    view! {
                        <div class="week-day">
                            <h3>{day}</h3>
                            <ul>
                                {mine.into_iter().map(|b| {
                                    let at = format!("{:02}:{:02}", b.start_minute / 60, b.start_minute % 60);
                                    view! { <li><a href=format!("/schedule/{}", b.id)>{at} " " {b.title}</a></li> }
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
pub fn List(bookings: Vec<BookingView>, testid: &'static str) -> impl IntoView {
    if bookings.is_empty() {
        return view! { <p>{t("schedule.none")}</p> }.into_any();
    }
    view! {
        <table class="table" data-testid=testid>
            <thead><tr>
                <th scope="col">{t("booking.when")}</th>
                <th scope="col">{t("booking.title")}</th>
                <th scope="col">{t("booking.room")}</th>
                <th scope="col">{t("booking.participants")}</th>
                <th scope="col">{t("booking.state")}</th>
            </tr></thead>
            <tbody>
                {bookings.into_iter().map(|b| view! {
                    <tr>
                        <td data-label=t("booking.when")>{b.starts.clone()}</td>
                        <td data-label=t("booking.title")><a href=format!("/schedule/{}", b.id)>{b.title.clone()}</a>{b.series.then(|| view! { " " <span class="badge">{t("booking.series")}</span> })}</td>
                        <td data-label=t("booking.room")><a href=format!("/r/{}", b.room_slug)>{b.room_name.clone()}</a></td>
                        <td data-label=t("booking.participants")>{b.participants}</td>
                        <td data-label=t("booking.state")><span class=format!("badge booking-{}", b.state)>{t(&format!("booking.state.{}", b.state))}</span></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The private feed: its address to copy and a link that opens it in a calendar app, when it was
/// just made (only its digest is kept, so it shows once), and a new address.
#[component]
fn Feed(url: Option<String>) -> impl IntoView {
    let texts = Texts::of(use_lang(), &["room.copy_link", "room.link_copied"]);
    let shown = url.map(|url| {
        let webcal = url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
        view! {
            <p class="hint">{t("schedule.feed_hint")}</p>
            <p class="share-link"><code data-testid="feed-url">{url.clone()}</code> <CopyButton text=url texts/></p>
            <p><a href=webcal data-testid="add-to-calendar">{t("schedule.add_to_calendar")}</a></p>
        }
    });
    let hidden =
        shown.is_none().then(|| view! { <p class="hint" data-testid="feed-hidden">{t("schedule.feed_hidden")}</p> });
    view! {
        <section class="card">
            <h2>{t("schedule.feed")}</h2>
            {shown}
            {hidden}
            <form method="post" action={<ResetFeed as ServerFn>::PATH}>
                <button type="submit" class="btn-small">{t("schedule.feed_reset")}</button>
            </form>
        </section>
    }
}

#[component]
fn Reminders(minutes: i64) -> impl IntoView {
    let error = refusal_of::<SetReminders>();
    view! {
        <section class="card">
            <h2>{t("schedule.reminders")}</h2>
            <form method="post" action={<SetReminders as ServerFn>::PATH}>
                <FormError error/>
                <div class="field">
                    <label for="f-minutes">{t("schedule.remind_before")}</label>
                    <select id="f-minutes" name="minutes">
                        {crate::schedule::model::REMINDER_CHOICES.into_iter().map(|m| {
                            view! { <option value=m selected=m == minutes>{t(&format!("schedule.remind.{m}"))}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn-small">{t("common.save")}</button>
            </form>
        </section>
    }
}
