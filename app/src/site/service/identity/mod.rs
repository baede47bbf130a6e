//! The co-op's identity: its name, accent colour, welcome, logo and legal links. Every page and every mail wears
//! it, so it is kept a second in memory (`AppState::identity`); a change here forgets it, and
//! another process sees it within the second. The only code that writes `site_identity`.
pub mod links;
pub mod logo;

use crate::error::{AppResult, FieldErrors, Step};
use crate::site::model::identity::{Identity, IdentityForm};
use crate::site::model::links::Link;
use crate::state::AppState;
use crate::ui::brand::{Brand, DEFAULT_NAME};
use std::sync::Arc;
use std::time::Duration;

/// The identity as read, with the brand pages wear and the logo's place in the file store.
#[derive(Debug)]
pub struct Kept {
    pub identity: Identity,
    pub brand: Arc<Brand>,
    /// The logo's key in the file store and its MIME type.
    pub logo: Option<(String, String)>,
    pub links: Vec<Link>,
    pub ask_terms: bool,
}

type Row = (String, Option<String>, Option<String>, Option<String>, Option<String>, i64, i64);

/// Where the footer's link of `link` goes: its address, or its page here.
pub fn href(link: &Link) -> String {
    link.address.clone().unwrap_or_else(|| format!("/legal/{}", link.kind))
}

fn kept(row: Option<Row>, links: Vec<Link>) -> Kept {
    let (name, accent, welcome, key, kind, version, ask_terms) =
        row.unwrap_or_else(|| (DEFAULT_NAME.to_string(), None, None, None, None, 0, 0));
    let logo = key.zip(kind);
    let identity = Identity { name, accent, welcome, logo: logo.as_ref().map(|_| version) };
    let ask_terms = ask_terms != 0;
    let terms = links.iter().find(|l| l.kind == "terms").filter(|_| ask_terms).map(|l| (l.version, href(l)));
    let brand = Brand {
        name: identity.name.clone(),
        accent: identity.accent.clone(),
        logo: identity.logo.map(|v| format!("/site/logo?v={v}")),
        welcome: identity.welcome.clone(),
        links: links.iter().map(|l| (l.kind.clone(), href(l))).collect(),
        terms,
    };
    Kept { identity, brand: Arc::new(brand), logo, links, ask_terms }
}

/// The identity, as read within the second.
pub async fn current(ctx: &AppState) -> AppResult<Arc<Kept>> {
    if let Some(kept) = ctx.identity.get(&()) {
        return Ok(kept);
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT name, accent, welcome, logo_key, logo_type, logo_version, terms_required FROM site_identity
         WHERE id = 1",
    )
    .fetch_optional(&ctx.pool)
    .await
    .step("read site_identity")?;
    let fresh = Arc::new(kept(row, links::read(ctx).await?));
    ctx.identity.put((), fresh.clone());
    Ok(fresh)
}

/// How long a request waits for the identity before it takes the last one read.
const BRAND_WAIT: Duration = Duration::from_millis(250);

/// The brand every page of this request wears. Every request asks, so a database that is away
/// (or a pool that is busy) must not hold each one for the pool's whole wait: after a short one
/// this request takes the last identity read (or the default). That stand-in is never kept as
/// the second's copy: sign-up, mail and the admins' changes read the real one.
pub async fn brand(ctx: &AppState) -> Arc<Brand> {
    match tokio::time::timeout(BRAND_WAIT, current(ctx)).await {
        Ok(Ok(kept)) => kept.brand.clone(),
        outcome => {
            match outcome {
                Ok(Err(e)) => crate::edge::log_internal(&e),
                _ => tracing::warn!("the co-op's identity was not read in time; the last one read is shown"),
            }
            ctx.identity.last(&()).map_or_else(|| Arc::new(Brand::default()), |last| last.brand.clone())
        }
    }
}

/// How mail presents the co-op: its name, and its logo's and links' full addresses.
pub async fn letterhead(ctx: &AppState) -> AppResult<crate::mail::Letterhead> {
    let kept = current(ctx).await?;
    let full = |path: &str| if path.starts_with('/') { format!("{}{path}", ctx.base_url) } else { path.to_string() };
    let logo = kept.brand.logo.as_deref().map(full);
    let links = kept.brand.links.iter().map(|(kind, href)| (format!("legal.{kind}"), full(href))).collect();
    Ok(crate::mail::Letterhead { name: kept.identity.name.clone(), logo, links })
}

/// An admin sets the name, colour and welcome; each field's error is shown next to it.
#[tracing::instrument(name = "site.identity.save", level = "error", skip_all)]
pub async fn save(ctx: &AppState, admin_id: i64, form: &IdentityForm) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    let checked = form.check(&mut errors);
    errors.into_result()?;
    let Some((name, accent, welcome)) = checked else {
        return Err(crate::error::AppError::internal("a checked identity lacks a field"));
    };
    sqlx::query(
        "INSERT INTO site_identity (id, name, accent, welcome, updated_by, updated_at) VALUES (1, $1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = $1, accent = $2, welcome = $3, updated_by = $4, updated_at = $5",
    )
    .bind(name)
    .bind(accent)
    .bind(welcome)
    .bind(admin_id)
    .bind(ctx.clock.now().secs())
    .execute(&ctx.pool)
    .await
    .step("save site_identity")?;
    ctx.identity.clear();
    Ok(())
}
