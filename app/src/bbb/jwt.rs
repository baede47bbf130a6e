//! The HS256 JSON Web Tokens BBB and Scalelite sign recording-ready callbacks with, using the
//! region's shared secret.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &str) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    HmacSha256::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

/// Signs `claims` (a JSON object) as BBB does.
pub fn sign(claims: &serde_json::Value, secret: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut m = mac(secret);
    m.update(format!("{header}.{payload}").as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(m.finalize().into_bytes());
    format!("{header}.{payload}.{signature}")
}

/// The claims of a token signed with `secret` using HS256; `None` for anything else.
pub fn verify(token: &str, secret: &str) -> Option<serde_json::Value> {
    let mut parts = token.trim().split('.');
    let (header_b64, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header_b64).ok()?).ok()?;
    if header.get("alg")?.as_str()? != "HS256" {
        return None;
    }
    let mut m = mac(secret);
    m.update(format!("{header_b64}.{payload}").as_bytes());
    m.verify_slice(&URL_SAFE_NO_PAD.decode(signature).ok()?).ok()?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn signed_tokens_verify_and_tampered_ones_do_not() {
        let token = super::sign(&json!({"meeting_id": "m1", "record_id": "r1"}), "s3cret");
        assert_eq!(super::verify(&token, "s3cret").unwrap()["record_id"], "r1");
        assert!(super::verify(&token, "other").is_none());
        let mut forged = token.clone();
        forged.insert(token.find('.').unwrap() + 2, 'x');
        assert!(super::verify(&forged, "s3cret").is_none());
        let none_alg = format!("{}.{}.", "eyJhbGciOiJub25lIn0", token.split('.').nth(1).unwrap());
        assert!(super::verify(&none_alg, "s3cret").is_none(), "alg=none is refused");
    }
}
