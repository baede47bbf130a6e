//! Comparing secrets, codes and signatures in constant time, so how long a refusal takes tells a
//! guesser nothing about how much of their guess was right.
use hmac::Mac;
use subtle::ConstantTimeEq;

/// True when `given` equals `expected`. The time taken depends only on the lengths.
pub fn same(given: &str, expected: &str) -> bool {
    given.as_bytes().ct_eq(expected.as_bytes()).into()
}

/// An HMAC-SHA256 with `key` over `parts` (joined by NUL, so no two lists sign alike), in hex: a
/// signed address that only a holder of the key can make.
pub fn sign(key: &str, parts: &[&str]) -> String {
    hex::encode(mac(key, parts).finalize().into_bytes())
}

/// Whether `signature` (hex) is [`sign`]'s for `parts`, compared in constant time.
pub fn signed(key: &str, parts: &[&str], signature: &str) -> bool {
    hex::decode(signature.trim()).is_ok_and(|given| mac(key, parts).verify_slice(&given).is_ok())
}

fn mac(key: &str, parts: &[&str]) -> hmac::Hmac<sha2::Sha256> {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(parts.join("\0").as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_signature_holds_for_its_parts_only() {
        let sig = super::sign("key", &["presentation", "7", "100"]);
        assert!(super::signed("key", &["presentation", "7", "100"], &sig));
        assert!(!super::signed("key", &["presentation", "7", "101"], &sig));
        assert!(!super::signed("other", &["presentation", "7", "100"], &sig));
        assert!(!super::signed("key", &["presentation", "71", "00"], &sig), "parts do not run together");
        assert!(!super::signed("key", &["presentation", "7", "100"], "not hex"));
    }

    #[test]
    fn equal_only_when_every_byte_is() {
        assert!(super::same("abc123", "abc123"));
        assert!(!super::same("abc124", "abc123"));
        assert!(!super::same("abc12", "abc123"));
        assert!(!super::same("", "abc123"));
        assert!(super::same("", ""));
    }
}
