//! A crowd of members opening their pages at once, on a pool of two database connections: every
//! page answers. A request that held a connection while asking the pool for another would wait on
//! the connections the others hold, and a crowd the size of the pool would stop every page.
use crate::on_both_databases;
use crate::rooms::create;
use crate::schedule::{PW, book, day, id_of, world_with};
use crate::support::Browser;
use crate::support::database::Db;

async fn a_crowd_on_a_small_pool_gets_every_page(db: Db) {
    let w = world_with(db, |c| c.db_max_connections = 2).await;
    let mut members = Vec::new();
    for n in 0..8 {
        let email = format!("member{n}@example.coop");
        let member = w.app.member(&format!("Member {n}"), &email, PW).await;
        let room = create(&member, "Circle").await;
        let booking = id_of(&book(&member, &room, &day(&w.app, 2), "10:00", "60", "3", &[]).await);
        members.push((member, room, booking));
    }
    let views = members.iter().flat_map(|(member, room, booking)| {
        ["/schedule".to_string(), "/dashboard".into(), format!("/r/{room}"), format!("/schedule/{booking}")]
            .map(|path| (member, path))
    });
    all_answer(views, 5, "every page answers while the others wait their turn for the pool").await;
}
on_both_databases!(a_crowd_on_a_small_pool_gets_every_page);

/// Each member's first view of their own room, all at once: the renderer awaits the menu (who is
/// signed in) while the page's reading waits for a connection. Were that reading polled only when
/// the renderer reached it, the pool would hand it a connection it sat on, and a crowd larger than
/// the pool would stop every page.
async fn members_opening_their_rooms_at_once_are_all_answered(db: Db) {
    let w = world_with(db, |c| c.db_max_connections = 2).await;
    let mut members = Vec::new();
    for n in 0..24 {
        let member = w.app.member(&format!("Member {n}"), &format!("member{n}@example.coop"), PW).await;
        let room = create(&member, "Circle").await;
        members.push((member, room));
    }
    // Their sessions and rooms as another process would see them: nothing read a second ago.
    w.app.clock.advance(2);
    let views = members
        .iter()
        .flat_map(|(member, room)| [format!("/r/{room}"), format!("/r/{room}/settings")].map(|path| (member, path)));
    all_answer(views, 10, "every room page answers").await;
}

/// Opens every `(member, path)` at once; each must answer 200, all within `secs`.
async fn all_answer<'a>(views: impl Iterator<Item = (&'a Browser, String)>, secs: u64, what: &str) {
    let views = views.map(|(member, path)| async move { (member.get(&path).await.status().as_u16(), path) });
    let answers =
        tokio::time::timeout(std::time::Duration::from_secs(secs), futures::future::join_all(views)).await.expect(what);
    let failed: Vec<_> = answers.iter().filter(|(status, _)| *status != 200).collect();
    assert!(failed.is_empty(), "{failed:?}");
}
on_both_databases!(members_opening_their_rooms_at_once_are_all_answered);
