//! Coming into an assembly, and who is in it. A voting member joins under their account's name
//! and BBB knows them by their member id (`quorum-{id}`); an observer joins as a viewer with
//! "(observer)" after their name. Each comes in through the assembly's page, consenting to the
//! record: that join opens their first interval of presence. BBB's attendee list, read by the
//! `assembly_attendance` job for each running assembly, opens and closes the intervals after it.
use super::store::{self, AssemblyRow, Attendee};
use super::{Assembly, quorum};
use crate::accounts::service::User;
use crate::assemblies::model::Part;
use crate::error::{AppError, AppResult, FieldErrors, Msg, Step};
use crate::meetings::service::{self as meetings, Admission, consent};
use crate::state::AppState;

/// Seconds a join through the portal stands before BBB's list must show the person: the time
/// from the click to the meeting's page. Once listed, missing from the list means gone.
pub const ARRIVING: i64 = 90;

/// What someone brings to the assembly's door.
pub struct Knock<'a> {
    /// The name a guest observer types (a member's comes from their account).
    pub name: &'a str,
    /// Consent to the attendance record (always asked) and to the recording (when it records).
    pub attendance: bool,
    pub recording: bool,
    /// What BBB will know a guest by, kept in their session so that a rejoin is the same attendee.
    pub guest_tag: &'a str,
    /// The observer's mark after their name, in their language.
    pub observer: &'a str,
}

/// Admits `user` (or a guest) to the assembly and records their arrival; the meeting's address.
#[tracing::instrument(name = "assemblies.attendance.join", level = "error", skip_all)]
pub async fn join(ctx: &AppState, user: Option<&User>, assembly: &Assembly, knock: Knock<'_>) -> AppResult<String> {
    let Assembly { row, booking, room, .. } = assembly;
    if !super::is_open(ctx, booking) {
        return Err(AppError::Refused(Msg::new("assembly.not_open")));
    }
    let part = super::part_of(ctx, assembly, user).await?;
    let mut errors = FieldErrors::default();
    if !knock.attendance {
        errors.add("attendance_consent", Msg::new("field.attendance_consent.required"));
    }
    consent::check(&mut errors, room, knock.recording);
    let name = match user {
        Some(u) => u.name.clone(),
        None => {
            crate::accounts::model::check_name(&mut errors, "name", knock.name);
            knock.name.trim().to_string()
        }
    };
    errors.into_result()?;
    let chair = user.is_some_and(|u| super::chairs(u, booking));
    let (tag, shown) = match (part, user) {
        (Part::Voter, Some(u)) => (format!("quorum-{}", u.id), name.clone()),
        (Part::Observer, Some(u)) => (format!("quorum-{}", u.id), format!("{name} {}", knock.observer)),
        (Part::Observer, None) => (format!("guest-{}", knock.guest_tag), format!("{name} {}", knock.observer)),
        _ => return Err(AppError::Refused(Msg::new("assembly.not_for_you"))),
    };
    let user_id = user.map(|u| u.id);
    let who = Admission::named(room, shown.clone(), chair, user_id.filter(|_| part == Part::Voter), tag.clone());
    consent::record(ctx, room, user_id, &shown).await?;
    let url = match meetings::destination(ctx, &who, room.clone()).await? {
        meetings::Destination::Meeting(url) => url,
        meetings::Destination::Full => return Err(AppError::Refused(Msg::new("meeting.full"))),
        meetings::Destination::NotStarted => return Err(AppError::Refused(Msg::new("assembly.not_open"))),
    };
    let attendee =
        Attendee { booking_id: row.booking_id, tag: &tag, user_id, name: &shown, voting: part == Part::Voter };
    quorum::open_once(ctx, row).await?;
    store::arrive(ctx, &attendee).await?;
    quorum::settle(ctx, row.booking_id).await?;
    Ok(url)
}

/// The `assembly_attendance` job: for each assembly whose meeting runs (or ran, with someone still
/// marked present), BBB's attendee list opens and closes intervals. A region that does not answer
/// changes nothing: the chair's page says how old the count is. Returns the assemblies read.
#[tracing::instrument(name = "assemblies.attendance.poll", level = "error", skip_all)]
pub async fn poll(ctx: &AppState) -> AppResult<usize> {
    let now = ctx.clock.now().secs();
    let mut read = 0;
    for assembly in super::running(ctx).await? {
        let present = if assembly.room.running == 0 {
            Some(Vec::new())
        } else {
            let region =
                crate::rooms::service::meeting_state::region_of(&ctx.pool, &ctx.regions, &assembly.room).await?;
            match ctx.bbb.get_meeting_info(&region.endpoint(), &assembly.room.meeting_id).await {
                Ok(meeting) => Some(meeting.attendees.attendee.into_iter().map(|a| a.user_id).collect()),
                Err(crate::bbb::error::BbbError::Failed { key, .. }) if key == "notFound" => Some(Vec::new()),
                Err(e) => {
                    tracing::warn!(booking = assembly.row.booking_id, error = %e, "assembly: the region did not answer");
                    None
                }
            }
        };
        let Some(present) = present else { continue };
        let ended = assembly.room.running == 0;
        if !present.is_empty() {
            quorum::open_once(ctx, &assembly.row).await?;
        }
        seen(ctx, &assembly.row, &present, ended, now).await?;
        if !ended {
            quorum::settle(ctx, assembly.row.booking_id).await?;
        }
        read += 1;
    }
    Ok(read)
}

/// BBB's end callback for room `room_id`: every interval still open in an assembly held there
/// closes now, as the end of the meeting, not at the attendance job's next read.
#[tracing::instrument(name = "assemblies.attendance.meeting_ended", level = "error", skip_all)]
pub async fn meeting_ended(ctx: &AppState, room_id: i64) -> AppResult<()> {
    let now = ctx.clock.now().secs();
    let held: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT a.booking_id FROM assembly_attendees a JOIN bookings b ON b.id = a.booking_id
         JOIN assembly_presence p ON p.attendee_id = a.id AND p.to_at IS NULL WHERE b.room_id = $1",
    )
    .bind(room_id)
    .fetch_all(&ctx.pool)
    .await
    .step("read assemblies open in a room")?;
    for booking_id in held {
        if let Some(row) = store::get(ctx, booking_id).await? {
            // The end is not a loss of the quorum: its timeline stops where the meeting did.
            seen(ctx, &row, &[], true, now).await?;
        }
    }
    Ok(())
}

/// BBB lists `present` (userIDs) now: who is listed is present; who is not has left, once BBB
/// listed them in this interval, or when the meeting ended, or when they joined through the portal
/// longer than [`ARRIVING`] ago and never arrived.
async fn seen(ctx: &AppState, row: &AssemblyRow, present: &[String], ended: bool, now: i64) -> AppResult<()> {
    let attendees: Vec<(i64, String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT a.id, a.tag, p.from_at, p.listed FROM assembly_attendees a
         LEFT JOIN assembly_presence p ON p.attendee_id = a.id AND p.to_at IS NULL
         WHERE a.booking_id = $1",
    )
    .bind(row.booking_id)
    .fetch_all(&ctx.pool)
    .await
    .step("read assembly_attendees")?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    for (id, tag, open_since, was_listed) in attendees {
        let listed = present.contains(&tag);
        let arrived = was_listed.is_some_and(|l| l != 0);
        match open_since {
            None if listed => store::present(&mut tx, id, now, true).await?,
            Some(_) if listed && !arrived => store::listed(&mut tx, id).await?,
            Some(since) if !listed && (ended || arrived || now - since >= ARRIVING) => {
                store::absent(&mut tx, id, now).await?
            }
            _ => {}
        }
    }
    store::polled(&mut tx, row.booking_id, now).await?;
    tx.commit().await?;
    Ok(())
}
