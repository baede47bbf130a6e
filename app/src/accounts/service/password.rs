//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane), always on the
//! blocking pool so a burst of logins never stalls the pages being served beside them. At most one
//! hash per core runs at once: a flood of logins waits its turn (cheaply, as a parked future)
//! instead of taking 19 MiB each and every blocking thread.
use crate::error::{AppError, AppResult};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// The longest password accepted (in bytes): long passphrases fit, megabyte "passwords" do not.
pub const MAX_BYTES: usize = 1024;

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())))
}

/// Runs one hashing job on the blocking pool once a permit is free.
async fn limited<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let _permit = permits().acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(job).await.map_err(|_| AppError::Internal)
}

fn hasher() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: &str) -> AppResult<String> {
    let password = password.to_string();
    limited(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// True when `password` matches `stored`. A stored value that is not a hash matches nothing.
pub async fn verify(password: &str, stored: &str) -> AppResult<bool> {
    if password.len() > MAX_BYTES {
        return Ok(false);
    }
    let password = password.to_string();
    let stored = stored.to_string();
    limited(move || match PasswordHash::new(&stored) {
        Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    })
    .await
}

/// Verifies against a throwaway hash, so an unknown email takes as long as a wrong password.
pub async fn verify_dummy(password: &str) -> AppResult<()> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = match DUMMY.get() {
        Some(h) => h.clone(),
        None => {
            let h = hash("quorum-dummy-password").await?;
            DUMMY.get_or_init(|| h).clone()
        }
    };
    verify(password, &stored).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = super::hash("correct horse battery").await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(super::verify("correct horse battery", &h).await.unwrap());
        assert!(!super::verify("wrong horse battery", &h).await.unwrap());
        assert!(!super::verify("anything", "not-a-hash").await.unwrap());
    }
}
