//! Request checksums as BBB computes them: `hex(HASH(callName + queryString + secret))`, over the
//! exact query string sent.
pub use super::algorithm::Algorithm;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

pub fn checksum(algorithm: Algorithm, call: &str, query: &str, secret: &str) -> String {
    let input = format!("{call}{query}{secret}");
    match algorithm {
        Algorithm::Sha1 => hex::encode(Sha1::digest(input.as_bytes())),
        Algorithm::Sha256 => hex::encode(Sha256::digest(input.as_bytes())),
        Algorithm::Sha384 => hex::encode(Sha384::digest(input.as_bytes())),
        Algorithm::Sha512 => hex::encode(Sha512::digest(input.as_bytes())),
    }
}

/// Encodes parameters as BBB expects them: form encoding, spaces as `+`.
pub fn encode_query<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(params.iter()).finish()
}

/// Splits a received query into the part the checksum covers and the checksum itself, as BBB does:
/// the `checksum` parameter is removed wherever it stands.
pub fn split_checksum(query: &str) -> (String, Option<String>) {
    let mut given = None;
    let rest: Vec<&str> = query
        .split('&')
        .filter(|pair| match pair.strip_prefix("checksum=") {
            Some(value) => {
                given = Some(value.to_string());
                false
            }
            None => true,
        })
        .collect();
    (rest.join("&"), given)
}

/// True when `given` is the right checksum of `call` and `query` under any algorithm in `accepted`.
pub fn verify(call: &str, query: &str, given: &str, secret: &str, accepted: &[Algorithm]) -> bool {
    Algorithm::from_hex_len(given.len())
        .filter(|a| accepted.contains(a))
        .is_some_and(|a| crate::secrets::same(&given.to_ascii_lowercase(), &checksum(a, call, query, secret)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of the BBB API documentation.
    #[test]
    fn reproduces_the_documented_example() {
        let query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444";
        let secret = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";
        assert_eq!(checksum(Algorithm::Sha1, "create", query, secret), "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
        let encoded = encode_query(&[
            ("name", "Test Meeting"),
            ("meetingID", "abc123"),
            ("attendeePW", "111222"),
            ("moderatorPW", "333444"),
        ]);
        assert_eq!(encoded, query);
    }

    #[test]
    fn each_algorithm_has_its_length_and_verifies() {
        for a in Algorithm::ALL {
            let sum = checksum(a, "getMeetings", "", "s");
            assert_eq!(Algorithm::from_hex_len(sum.len()), Some(a));
            assert!(verify("getMeetings", "", &sum, "s", &Algorithm::ALL));
            assert!(!verify("getMeetings", "", &sum, "other", &Algorithm::ALL));
            assert!(!verify("end", "", &sum, "s", &Algorithm::ALL));
        }
        let sha1 = checksum(Algorithm::Sha1, "end", "", "s");
        assert!(!verify("end", "", &sha1, "s", &[Algorithm::Sha256]), "an algorithm not accepted is refused");
    }

    #[test]
    fn the_checksum_parameter_is_removed_wherever_it_stands() {
        assert_eq!(split_checksum("a=1&checksum=x&b=2"), ("a=1&b=2".into(), Some("x".into())));
        assert_eq!(split_checksum("checksum=x"), ("".into(), Some("x".into())));
        assert_eq!(split_checksum("a=1"), ("a=1".into(), None));
    }
}
