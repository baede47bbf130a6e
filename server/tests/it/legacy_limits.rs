//! Imported rooms and membership limits: an import brings every room a member had, even over their
//! tier's limit; those rooms count from the next room the member creates, and keep working.
use crate::legacy::{options, portal, v2};
use crate::membership::tiers;
use crate::on_both_databases;
use crate::support::database::Db;
use app::legacy::service::import::import;

async fn imported_rooms_count_against_the_limit_only_from_the_next_room(db: Db) {
    let (app, admin) = portal(db).await;
    tiers(&admin).await;
    let free: i64 = sqlx::query_scalar("SELECT id FROM tiers WHERE name = 'Free'").fetch_one(&app.pool).await.unwrap();
    let form = [
        ("id", free.to_string()),
        ("name", "Free".into()),
        ("monthly", "0".into()),
        ("currency", "EUR".into()),
        ("rooms", "0".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin.call("membership/tier", &form).await.ok();
    let legacy = v2("zzz-zzz-zz9").await;
    let report = import(&app.state, &legacy, &options(false)).await.unwrap();
    assert_eq!(report.rooms, 3, "every live room, whatever the tier allows");

    let ann = app.browser();
    ann.login("ann@example.org", "Grüße aus Köln 🌧").await.ok();
    let rooms = ann.call("rooms/list", &[]).await.ok().as_array().unwrap().len();
    assert_eq!(rooms, 1);
    ann.call("meetings/start", &[("slug", "ann-x4p-q2z"), ("recording_consent", "on")]).await.ok();
    let refused = ann.call("rooms/create", &[("name", "One more")]).await;
    let app::error::AppError::Refused(msg) = refused.err() else { panic!("{:?}", refused.err()) };
    assert_eq!((msg.key.as_str(), msg.text("tier")), ("membership.limit.rooms", Some("Supporter")));
}
on_both_databases!(imported_rooms_count_against_the_limit_only_from_the_next_room);
