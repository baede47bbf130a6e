//! Schedule server functions: each authorizes, calls the service, and answers (a redirect for the
//! forms, so they work without JavaScript). Who may call which is in the authorization table.
use super::model::{AdminSchedule, BookingDetail, BookingForm, FormPage, SchedulePage, Suggestions};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::service::{book, change, events, feed, pages, reminders, store, suggest},
    crate::accounts::service::auth::{require_admin, require_user},
    crate::edge::{client_address, finish},
    crate::state::state,
};

#[server(endpoint = "schedule/page")]
pub async fn schedule_data(week: i64) -> Result<SchedulePage, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            pages::schedule(&s, &user, week).await
        }
        .await,
    )
}

#[server(endpoint = "schedule/form")]
pub async fn booking_form_data(room: String) -> Result<FormPage, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            pages::form(&s, &user, &room).await
        }
        .await,
    )
}

#[server(endpoint = "schedule/booking")]
pub async fn booking_data(id: i64) -> Result<BookingDetail, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            pages::booking(&s, &user, id).await
        }
        .await,
    )
}

#[server(endpoint = "schedule/book")]
pub async fn book(#[server(flatten)] form: BookingForm) -> Result<i64, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let address = client_address(&s.proxies).await;
            let booked = book::book(&s, &user, &form, &address).await?;
            // The notice says what happened: an event waits for an admin before anyone is mailed.
            let notice = match (booked.state.as_str(), form.invitees.trim().is_empty()) {
                ("requested", _) => "requested",
                (_, true) => "booked",
                (_, false) => "invited",
            };
            leptos_axum::redirect(&format!("/schedule/{}?{notice}=1", booked.id));
            Ok(booked.id)
        }
        .await,
    )
}

/// Other times and regions for a booking that does not fit.
#[server(endpoint = "schedule/suggest")]
pub async fn alternatives(#[server(flatten)] form: BookingForm) -> Result<Suggestions, AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            suggest::suggest(&s, &user, &form).await
        }
        .await,
    )
}

#[server(endpoint = "schedule/edit")]
pub async fn edit_booking(
    id: i64,
    whole: Option<String>,
    #[server(flatten)] form: BookingForm,
) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let address = client_address(&s.proxies).await;
            let changed = change::edit(&s, &user, id, &form, whole.is_some(), &address).await?;
            // A moved or renamed approved event waits for an admin again: the page says so.
            let notice = match changed {
                None => "unchanged",
                Some(row) if row.state == "requested" => "pending",
                Some(_) => "saved",
            };
            leptos_axum::redirect(&format!("/schedule/{id}?{notice}=1"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "schedule/cancel")]
pub async fn cancel_booking(id: i64, whole: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            let address = client_address(&s.proxies).await;
            change::cancel(&s, &user, id, whole.is_some(), &address).await?;
            leptos_axum::redirect("/schedule?cancelled=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "schedule/reminders")]
pub async fn set_reminders(minutes: i64) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            if !reminders::CHOICES.contains(&minutes) {
                return Err(AppError::field("minutes", "booking.reminder.invalid"));
            }
            store::set_remind_minutes(&mut *s.pool.acquire().await?, user.id, minutes).await?;
            s.schedule_cache.settings_changed(user.id);
            leptos_axum::redirect("/schedule?saved=1");
            Ok(())
        }
        .await,
    )
}

/// A new calendar feed address; the old one stops.
#[server(endpoint = "schedule/feed_reset")]
pub async fn reset_feed() -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = require_user(&s.pool).await?;
            feed::regenerate_for_page(&s, &user).await?;
            leptos_axum::redirect("/schedule?feed=new");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "schedule/admin")]
pub async fn admin_schedule_data() -> Result<AdminSchedule, AppError> {
    finish(
        async {
            let s = state()?;
            let admin = require_admin(&s.pool).await?;
            pages::admin(&s, &admin).await
        }
        .await,
    )
}

/// An admin approves (`decision` = `approve`) or declines an event, with a message to its booker.
#[server(endpoint = "schedule/decide")]
pub async fn decide(id: i64, decision: String, note: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            require_admin(&s.pool).await?;
            let approve = decision == "approve";
            events::decide(&s, id, approve, &note).await?;
            leptos_axum::redirect(if approve { "/admin/schedule?approved=1" } else { "/admin/schedule?declined=1" });
            Ok(())
        }
        .await,
    )
}
