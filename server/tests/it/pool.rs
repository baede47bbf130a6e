//! A crowd of members opening their pages at once, on a pool of two database connections: every
//! page answers. A request that held a connection while asking the pool for another would wait on
//! the connections the others hold, and a crowd the size of the pool would stop every page.
use crate::on_both_databases;
use crate::rooms::create;
use crate::schedule::{PW, book, day, id_of, world_with};
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
            .into_iter()
            .map(move |path| async move { (member.get(&path).await.status().as_u16(), path) })
    });
    let answers = tokio::time::timeout(std::time::Duration::from_secs(5), futures::future::join_all(views))
        .await
        .expect("every page answers while the others wait their turn for the pool");
    let failed: Vec<_> = answers.iter().filter(|(status, _)| *status != 200).collect();
    assert!(failed.is_empty(), "{failed:?}");
}
on_both_databases!(a_crowd_on_a_small_pool_gets_every_page);
