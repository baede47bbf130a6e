//! Account server functions: authorize, validate, call the service, answer.
use crate::accounts::model::{Me, RegistrationMode, SignupOutcome};
use crate::error::AppError;

pub mod admin;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::service::auth,
    crate::accounts::service::{login as login_svc, profile, recovery, registration},
    crate::edge::{client_address, finish, set_language_cookie},
    crate::state::state,
};

/// The signed-in member, if any.
#[server(endpoint = "accounts/me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    finish(async { Ok(auth::current_user(&state()?.pool).await?.map(|u| u.me())) }.await)
}

/// The domains whose addresses sign up without approval or invitation (anyone: the sign-up page
/// says who may sign up).
#[server(endpoint = "accounts/open_domains")]
pub async fn open_domains() -> Result<Vec<String>, AppError> {
    finish(crate::accounts::service::domains::listed(&state()?.pool).await)
}

#[server(endpoint = "accounts/registration_mode")]
pub async fn get_registration_mode() -> Result<RegistrationMode, AppError> {
    finish(registration::mode(&state()?.pool).await)
}

/// The address an invitation was sent to (to prefill the form), if the invitation is still good.
#[server(endpoint = "accounts/invitation")]
pub async fn invitation_email(token: String) -> Result<Option<String>, AppError> {
    finish(registration::invitation_email(&state()?, &token).await)
}

#[server(endpoint = "accounts/signup")]
pub async fn signup(
    name: String,
    email: String,
    password: String,
    invite: Option<String>,
    time_zone: Option<String>,
    accept_terms: Option<String>,
) -> Result<SignupOutcome, AppError> {
    finish(
        async {
            let s = state()?;
            let lang = crate::i18n::request_lang();
            let time_zone = time_zone.unwrap_or_default();
            // The terms asked for are those of this request's brand (put there by the server).
            let terms = crate::ui::brand().terms.as_ref().map(|(version, _)| *version);
            let accepted_terms = accept_terms.is_some();
            let input =
                registration::SignupInput { name, email, password, invite, lang, time_zone, terms, accepted_terms };
            let address = client_address(&s.proxies).await;
            let outcome = registration::signup(&s, input, &address).await?;
            s.mailer.wake();
            leptos_axum::redirect(match outcome {
                SignupOutcome::CheckEmail => "/signup/done",
                SignupOutcome::AwaitApproval => "/signup/done?approval=1",
                SignupOutcome::Ready => "/signup/done?ready=1",
            });
            Ok(outcome)
        }
        .await,
    )
}

#[server(endpoint = "accounts/verify")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    finish(
        async {
            let pending = registration::verify_email(&state()?, &token).await?;
            // An account that waits for approval cannot log in yet: the login page says so.
            leptos_axum::redirect(if pending { "/login?verified=pending" } else { "/login?verified=1" });
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/resend_verification")]
pub async fn resend_verification(email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            registration::resend_verification(&s, &email, &client_address(&s.proxies).await).await?;
            s.mailer.wake();
            leptos_axum::redirect("/verify/resend?sent=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/login")]
pub async fn login(email: String, password: String, remember: Option<String>) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            crate::accounts::service::passwords::require(&s).await?;
            let address = client_address(&s.proxies).await;
            let user = login_svc::login(&s.pool, &s.clock, &email, &password, &address).await?;
            auth::sign_in(&user, remember.is_some()).await?;
            set_language_cookie(&user.language)?;
            leptos_axum::redirect("/dashboard");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/forgot")]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            recovery::request_reset(&s, &email, &client_address(&s.proxies).await).await?;
            s.mailer.wake();
            leptos_axum::redirect("/password/forgot?sent=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/reset")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            recovery::reset_password(&s, &token, &password, &client_address(&s.proxies).await).await?;
            leptos_axum::redirect("/login?reset=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/profile")]
pub async fn update_profile(name: String, language: String, time_zone: String) -> Result<(), AppError> {
    finish(
        async {
            let pool = state()?.pool.clone();
            let user = auth::require_user(&pool).await?;
            profile::update_profile(
                &pool,
                user.id,
                &profile::ProfileInput { name, language: language.clone(), time_zone },
            )
            .await?;
            set_language_cookie(&language)?;
            leptos_axum::redirect("/profile?saved=profile");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = auth::require_user(&s.pool).await?;
            let address = client_address(&s.proxies).await;
            let epoch = profile::change_password(&s, &user, &current_password, &new_password, &address).await?;
            s.mailer.wake();
            auth::keep_session(epoch).await?;
            leptos_axum::redirect("/profile?saved=password");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/email")]
pub async fn change_email(new_email: String, current_password: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            let user = auth::require_user(&s.pool).await?;
            profile::request_email_change(&s, &user, &new_email, &current_password).await?;
            s.mailer.wake();
            leptos_axum::redirect("/profile?saved=email");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "accounts/email_confirm")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    finish(
        async {
            let s = state()?;
            profile::confirm_email_change(&s, &token, &client_address(&s.proxies).await).await?;
            s.mailer.wake();
            leptos_axum::redirect("/profile?email_changed=1");
            Ok(())
        }
        .await,
    )
}
