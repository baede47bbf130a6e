//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane), always on the
//! hashing threads ([`super::hash_pool`]) so a burst of logins never stalls the pages being served
//! beside them. Each thread keeps one 19 MiB work area and reuses it for every hash: allocating it
//! afresh per hash left each freed area in the allocator, and the process grew by 19 MiB a login.
use super::hash_pool::run as on_hash_thread;
use crate::error::{AppError, AppResult};
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;
use std::sync::OnceLock;

/// The longest password accepted (in bytes): long passphrases fit, megabyte "passwords" do not.
pub const MAX_BYTES: usize = 1024;
/// The most memory a stored hash may ask for (in 1 KiB blocks): an imported hash naming gigabytes
/// matches nothing rather than taking the machine.
const MAX_BLOCKS: usize = 64 * 1024;

fn params(output_len: Option<usize>) -> Result<Params, argon2::Error> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    Params::new(19 * 1024, 2, 1, output_len)
}

thread_local! {
    static WORK_AREA: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Computes an argon2 output into `out`, in this thread's reused work area.
fn compute(argon: &Argon2, password: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), argon2::Error> {
    let blocks = argon.params().block_count();
    if blocks > MAX_BLOCKS {
        return Err(argon2::Error::MemoryTooMuch);
    }
    WORK_AREA.with(|area| {
        let mut area = area.borrow_mut();
        if area.len() < blocks {
            area.resize(blocks, Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut area[..blocks])
    })
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let params = params(None)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    compute(&argon, password.as_bytes(), salt_bytes, &mut out)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out)?),
    };
    Ok(phc.to_string())
}

/// The prefix of every hash made today; any other stored hash is replaced at the next sign-in.
const CURRENT: &str = "$argon2id$v=19$m=19456,t=2,p=1$";

/// Whether `stored` was made some other way (a bcrypt digest from a legacy Greenlight, older
/// parameters) and should be replaced by a fresh hash once the member signs in with it.
pub fn outdated(stored: &str) -> bool {
    !stored.is_empty() && !stored.starts_with(CURRENT)
}

/// bcrypt digests (`$2a$`, `$2b$`, `$2y$`) as Greenlight stored them, kept as they were imported.
fn is_bcrypt(stored: &str) -> bool {
    ["$2a$", "$2b$", "$2y$"].iter().any(|p| stored.starts_with(p))
}

/// The highest bcrypt cost a stored digest may ask for. Greenlight used 10 to 12; each step doubles
/// the work, and one digest of cost 31 would hold a hashing thread (and every sign-in queued
/// behind it) for days.
pub const BCRYPT_MAX_COST: u32 = 14;

/// Whether `digest` is a bcrypt digest this portal verifies: `$2a$NN$` and 53 characters of salt
/// and hash, with a cost from 4 to [`BCRYPT_MAX_COST`]. Importers keep no other.
pub fn usable_bcrypt(digest: &str) -> bool {
    let cost = digest.get(4..6).and_then(|c| c.parse::<u32>().ok());
    is_bcrypt(digest)
        && digest.len() == 60
        && digest.as_bytes().get(6) == Some(&b'$')
        && cost.is_some_and(|c| (4..=BCRYPT_MAX_COST).contains(&c))
}

fn verify_now(password: &str, stored: &str) -> Option<bool> {
    if is_bcrypt(stored) {
        if !usable_bcrypt(stored) {
            return None;
        }
        // The crate compares in constant time; bcrypt reads at most 72 bytes of the password.
        return bcrypt::verify(password, stored).ok();
    }
    let parsed = PasswordHash::new(stored).ok()?;
    let (salt, expected) = (parsed.salt?, parsed.hash?);
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = parsed.version.map(Version::try_from).transpose().ok()?.unwrap_or_default();
    let stored_params = Params::try_from(&parsed).ok()?;
    let params =
        Params::new(stored_params.m_cost(), stored_params.t_cost(), stored_params.p_cost(), Some(expected.len()))
            .ok()?;
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes).ok()?;
    let mut out = vec![0u8; expected.len()];
    compute(&Argon2::new(algorithm, version, params), password.as_bytes(), salt_bytes, &mut out).ok()?;
    // `Output`'s equality is constant-time.
    Some(Output::new(&out).ok()? == expected)
}

#[tracing::instrument(name = "accounts.password.hash", level = "error", skip_all)]
pub async fn hash(password: &str) -> AppResult<String> {
    let password = password.to_string();
    on_hash_thread(move || hash_now(&password))
        .await?
        .map_err(|e| AppError::internal(format_args!("password hashing: {e}")))
}

tokio::task_local! {
    /// The digests checked within a task run by [`counting`].
    static CHECKED: std::cell::Cell<u32>;
}

/// Runs `work` and says how many passwords it checked against a digest (argon2 or bcrypt): how a
/// test sees, without timing anything, that every refused login costs one check.
#[tracing::instrument(name = "accounts.password.counting", level = "error", skip_all)]
pub async fn counting<F: std::future::Future>(work: F) -> (F::Output, u32) {
    CHECKED
        .scope(std::cell::Cell::new(0), async {
            let output = work.await;
            (output, CHECKED.with(std::cell::Cell::get))
        })
        .await
}

/// True when `password` matches `stored`. A stored value that is not a hash matches nothing.
#[tracing::instrument(name = "accounts.password.verify", level = "error", skip_all)]
pub async fn verify(password: &str, stored: &str) -> AppResult<bool> {
    if password.len() > MAX_BYTES {
        return Ok(false);
    }
    let (password, stored) = (password.to_string(), stored.to_string());
    let checked = on_hash_thread(move || verify_now(&password, &stored)).await?;
    if checked.is_some() {
        // Outside `counting` there is nothing to count.
        let _ = CHECKED.try_with(|n| n.set(n.get() + 1));
    }
    Ok(checked.unwrap_or(false))
}

/// Verifies against a throwaway hash, so an unknown email takes as long as a wrong password.
#[tracing::instrument(name = "accounts.password.verify_dummy", level = "error", skip_all)]
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
    use argon2::PasswordHasher;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = super::hash("correct horse battery").await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(super::verify("correct horse battery", &h).await.unwrap());
        assert!(!super::verify("wrong horse battery", &h).await.unwrap());
        assert!(!super::verify("anything", "not-a-hash").await.unwrap());
    }

    #[tokio::test]
    async fn greenlight_bcrypt_digests_verify_and_are_outdated() {
        // A $2a$ digest, as Greenlight stores them (the integration tests use Python's bcrypt).
        let digest = bcrypt::hash_with_result("Grüße aus Köln", 4).unwrap().format_for_version(bcrypt::Version::TwoA);
        assert!(digest.starts_with("$2a$04$"));
        assert!(super::verify("Grüße aus Köln", &digest).await.unwrap());
        assert!(!super::verify("Grusse aus Koln", &digest).await.unwrap());
        assert!(super::outdated(&digest));
        assert!(!super::outdated(&super::hash("x").await.unwrap()));
        assert!(!super::outdated(""), "no password at all is not a hash to replace");
    }

    #[tokio::test]
    async fn a_bcrypt_digest_above_the_cost_limit_matches_nothing_at_once() {
        let digest = bcrypt::hash_with_result("pass phrase", 4).unwrap().format_for_version(bcrypt::Version::TwoA);
        assert!(super::usable_bcrypt(&digest));
        let greedy = digest.replacen("$04$", "$31$", 1);
        assert!(!super::usable_bcrypt(&greedy));
        assert!(!super::usable_bcrypt(&digest.replacen("$04$", "$15$", 1)));
        assert!(super::usable_bcrypt(&digest.replacen("$04$", "$14$", 1)));
        assert!(!super::usable_bcrypt("$2a$12$short"));
        let started = std::time::Instant::now();
        assert!(!super::verify("pass phrase", &greedy).await.unwrap());
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "not even tried");
    }

    /// Hashes made by the crate's own path (and other parameters) verify here, and ours there.
    #[tokio::test]
    async fn agrees_with_the_argon2_crate() {
        let salt = argon2::password_hash::SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        let theirs = argon2::Argon2::default().hash_password(b"pass phrase", &salt).unwrap().to_string();
        assert!(super::verify("pass phrase", &theirs).await.unwrap());
        assert!(!super::verify("pass phrasE", &theirs).await.unwrap());
        let ours = super::hash("pass phrase").await.unwrap();
        let parsed = argon2::password_hash::PasswordHash::new(&ours).unwrap();
        use argon2::PasswordVerifier;
        assert!(argon2::Argon2::default().verify_password(b"pass phrase", &parsed).is_ok());
        let greedy = theirs.replace("m=19456", "m=4000000");
        assert!(!super::verify("pass phrase", &greedy).await.unwrap(), "gigabytes are refused");
    }
}
