//! Which account a provider's identity signs in as, against the real test provider, on both
//! databases: accounts without a password cost a login as much as any other.
use crate::on_both_databases;
use crate::sso::{callback_url, finish, portal};
use crate::support::database::Db;

const PW: &str = "correct horse battery";

/// A login for an account without a password, like one for an unknown address, checks the
/// password against a digest once, as a wrong password does: none of them answers sooner.
async fn every_refused_login_checks_one_digest(db: Db) {
    use app::accounts::service::{login, password};
    let (app, provider, _admin) = portal(db).await;
    provider.account("ann", "ann@example.org", true, "Ann").await;
    let ann = app.browser();
    let back = callback_url(&ann, &provider, "ann").await;
    assert_eq!(finish(&ann, &back).await, "/dashboard");
    app.member("Bo", "bo@example.org", PW).await;
    for (email, address) in
        [("ann@example.org", "192.0.2.1"), ("nobody@example.org", "192.0.2.2"), ("bo@example.org", "192.0.2.3")]
    {
        let (result, checked) =
            password::counting(login::login(&app.pool, &app.clock, email, "a wrong password", address)).await;
        assert!(result.is_err(), "{email} is refused");
        assert_eq!(checked, 1, "{email}: one digest checked");
    }
    let (result, checked) =
        password::counting(login::login(&app.pool, &app.clock, "bo@example.org", PW, "192.0.2.4")).await;
    assert!(result.is_ok() && checked == 1);
}
on_both_databases!(every_refused_login_checks_one_digest);
