//! Sign-up by email domain: the admins list domains (a school's, a member organisation's) whose
//! addresses sign up without approval or invitation; everyone else follows the registration mode.
//! A domain matches exactly (`school.example`, not `mail.school.example`), after the address is
//! normalised, and the address is still confirmed by mail before the account is used.
use crate::accounts::model::RegistrationMode;
use crate::db::{self, Pool};
use crate::error::{AppError, AppResult, FieldErrors, Msg};

pub const DOMAINS_KEY: &str = "registration_domains";
/// Enough for a co-op's member organisations; a longer list is a sign of a mistake.
pub const DOMAINS_MOST: usize = 100;

/// The listed domains, lower case.
pub async fn listed(pool: &Pool) -> AppResult<Vec<String>> {
    let text = db::get_setting(pool, DOMAINS_KEY).await?.unwrap_or_default();
    Ok(text.split_whitespace().map(str::to_string).collect())
}

/// Whether `domain` is written as a host name: labels of letters, digits and hyphens, two at least.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// The domains in `text` (one a line, or separated by spaces or commas; an `@` before one is
/// dropped), or the first that is not a domain, next to the field.
pub fn parse(text: &str) -> AppResult<Vec<String>> {
    let mut domains: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()) {
        let domain = word.trim_start_matches('@').to_ascii_lowercase();
        if !is_domain(&domain) {
            let mut errors = FieldErrors::default();
            errors.add("domains", Msg::with("field.domains.invalid", "domain", word.to_string()));
            return Err(AppError::Invalid(errors));
        }
        if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    if domains.len() > DOMAINS_MOST {
        return Err(AppError::Invalid(FieldErrors(vec![(
            "domains".into(),
            Msg::with("field.domains.too_many", "max", DOMAINS_MOST as i64),
        )])));
    }
    Ok(domains)
}

/// An admin sets the list (empty: none).
pub async fn set(pool: &Pool, text: &str) -> AppResult<Vec<String>> {
    let domains = parse(text)?;
    db::set_setting(pool, DOMAINS_KEY, &domains.join(" ")).await?;
    Ok(domains)
}

/// The mode a sign-up from `email` (normalised) follows: open for a listed domain, else `mode`.
pub async fn mode_for(pool: &Pool, email: &str, mode: RegistrationMode) -> AppResult<RegistrationMode> {
    if mode == RegistrationMode::Open {
        return Ok(mode);
    }
    let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
    Ok(if listed(pool).await?.iter().any(|d| d == domain) { RegistrationMode::Open } else { mode })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_read_loosely_and_checked_strictly() {
        assert_eq!(parse("School.Example, @coop.example\nschool.example").unwrap(), ["school.example", "coop.example"]);
        assert!(parse("").unwrap().is_empty());
        for wrong in ["localhost", "a..b", "-a.b", "ex ample.org;", "exa_mple.org"] {
            assert!(parse(wrong).is_err(), "{wrong}");
        }
    }
}
