//! OpenID Connect providers: those of the configuration file, fixed at start, and those admins add
//! on the page (`sso_providers`, written only here). A slug the file names cannot be added or
//! changed on the page. Whether passwords still sign in is a setting the file may also fix.
use crate::accounts::service::passwords;
use crate::error::Step;
use crate::error::{AppError, AppResult, Msg};
use crate::sso::model::{Button, LoginOptions, ProviderInput, ProviderView, SsoAdmin};
use crate::state::AppState;

/// A provider with its client secret: server-side only.
#[derive(Clone, sqlx::FromRow)]
pub struct ProviderRecord {
    pub slug: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: String,
    #[sqlx(skip)]
    pub from_config: bool,
}

// Never print the secret.
impl std::fmt::Debug for ProviderRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderRecord").field("slug", &self.slug).field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

impl ProviderRecord {
    /// A record from a checked form (the configuration file's entries go through the same rules).
    pub fn from_input(input: &ProviderInput, secret: &str) -> Result<ProviderRecord, crate::error::FieldErrors> {
        let errors = input.check(!secret.is_empty());
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProviderRecord {
            slug: input.slug.trim().to_string(),
            label: input.label.trim().to_string(),
            issuer: input.issuer.trim().trim_end_matches('/').to_string(),
            client_id: input.client_id.trim().to_string(),
            client_secret: if input.client_secret.is_empty() {
                secret.to_string()
            } else {
                input.client_secret.clone()
            },
            scopes: input.scope_list().join(" "),
            from_config: false,
        })
    }

    pub fn scope_list(&self) -> Vec<String> {
        self.scopes.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect()
    }
}

/// The providers that every process reads all the same, and the set-up fixed at start.
pub struct Configured {
    pub providers: Vec<ProviderRecord>,
}

/// Every provider, the file's first; a slug the file names hides the database's row of that slug.
#[tracing::instrument(name = "sso.providers.all", level = "error", skip_all)]
pub async fn all(ctx: &AppState) -> AppResult<Vec<ProviderRecord>> {
    let configured = &ctx.sso.configured.providers;
    let stored: Vec<ProviderRecord> = sqlx::query_as(
        "SELECT slug, label, issuer, client_id, client_secret, scopes FROM sso_providers ORDER BY label",
    )
    .fetch_all(&ctx.pool)
    .await
    .step("read sso_providers")?;
    let mut out: Vec<ProviderRecord> =
        configured.iter().cloned().map(|p| ProviderRecord { from_config: true, ..p }).collect();
    out.extend(stored.into_iter().filter(|p| !configured.iter().any(|c| c.slug == p.slug)));
    Ok(out)
}

#[tracing::instrument(name = "sso.providers.get", level = "error", skip_all)]
pub async fn get(ctx: &AppState, slug: &str) -> AppResult<Option<ProviderRecord>> {
    Ok(all(ctx).await?.into_iter().find(|p| p.slug == slug))
}

/// What the login page offers.
#[tracing::instrument(name = "sso.providers.login_options", level = "error", skip_all)]
pub async fn login_options(ctx: &AppState) -> AppResult<LoginOptions> {
    let providers = all(ctx).await?.into_iter().map(|p| Button { slug: p.slug, label: p.label }).collect();
    Ok(LoginOptions { providers, passwords: passwords::allowed(ctx).await? })
}

#[tracing::instrument(name = "sso.providers.admin", level = "error", skip_all)]
pub async fn admin(ctx: &AppState) -> AppResult<SsoAdmin> {
    // Identities of the provider's current issuer only: those of an issuer it named before sign
    // nobody in.
    let counts: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT provider, issuer, COUNT(*) FROM sso_identities GROUP BY provider, issuer")
            .fetch_all(&ctx.pool)
            .await
            .step("read sso_identities")?;
    let members = |p: &ProviderRecord| {
        counts.iter().find(|(slug, issuer, _)| *slug == p.slug && *issuer == p.issuer).map_or(0, |(_, _, n)| *n)
    };
    let providers = all(ctx)
        .await?
        .into_iter()
        .map(|p| ProviderView {
            members: members(&p),
            slug: p.slug,
            label: p.label,
            issuer: p.issuer,
            client_id: p.client_id,
            scopes: p.scopes,
            from_config: p.from_config,
        })
        .collect();
    Ok(SsoAdmin {
        providers,
        passwords: passwords::allowed(ctx).await?,
        passwords_from_config: passwords::fixed(ctx),
        redirect_base: format!("{}/auth/oidc/", ctx.base_url),
    })
}

/// Adds or changes a provider from the page. An empty secret keeps the saved one.
#[tracing::instrument(name = "sso.providers.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, input: &ProviderInput, creating: bool) -> AppResult<()> {
    let slug = input.slug.trim();
    if ctx.sso.configured.providers.iter().any(|p| p.slug == slug) {
        return Err(AppError::field("slug", "sso.field.slug_in_config"));
    }
    let saved: Option<String> = sqlx::query_scalar("SELECT client_secret FROM sso_providers WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&ctx.pool)
        .await
        .step("read sso_providers")?;
    if creating && saved.is_some() {
        return Err(AppError::field("slug", "sso.field.slug_taken"));
    }
    let record = ProviderRecord::from_input(input, saved.as_deref().unwrap_or_default()).map_err(AppError::Invalid)?;
    sqlx::query(
        "INSERT INTO sso_providers (slug, label, issuer, client_id, client_secret, scopes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (slug) DO UPDATE SET label = excluded.label, issuer = excluded.issuer,
           client_id = excluded.client_id, client_secret = excluded.client_secret, scopes = excluded.scopes",
    )
    .bind(&record.slug)
    .bind(&record.label)
    .bind(&record.issuer)
    .bind(&record.client_id)
    .bind(&record.client_secret)
    .bind(&record.scopes)
    .bind(ctx.clock.now().secs())
    .execute(&ctx.pool)
    .await
    .step("insert into sso_providers")?;
    ctx.sso.forget(&record.slug);
    Ok(())
}

/// Removes a provider added on the page. Its members keep their accounts (and their rooms); those
/// without a password choose one through "forgot password".
#[tracing::instrument(name = "sso.providers.delete", level = "error", skip_all)]
pub async fn delete(ctx: &AppState, slug: &str) -> AppResult<()> {
    if ctx.sso.configured.providers.iter().any(|p| p.slug == slug) {
        return Err(AppError::Refused(Msg::new("sso.in_config")));
    }
    if all(ctx).await?.len() == 1 && !passwords::allowed(ctx).await? {
        return Err(AppError::Refused(Msg::new("sso.last_provider")));
    }
    sqlx::query("DELETE FROM sso_providers WHERE slug = $1")
        .bind(slug)
        .execute(&ctx.pool)
        .await
        .step("delete from sso_providers")?;
    ctx.sso.forget(slug);
    Ok(())
}

/// Turns password sign-in on or off. Off needs a provider, or nobody could sign in.
#[tracing::instrument(name = "sso.providers.set_passwords", level = "error", skip_all)]
pub async fn set_passwords(ctx: &AppState, on: bool) -> AppResult<()> {
    if !on && !passwords::fixed(ctx) && all(ctx).await?.is_empty() {
        return Err(AppError::Refused(Msg::new("sso.passwords_need_provider")));
    }
    passwords::set(ctx, on).await
}
