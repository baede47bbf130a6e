//! Comparing secrets, codes and signatures in constant time, so how long a refusal takes tells a
//! guesser nothing about how much of their guess was right.
use subtle::ConstantTimeEq;

/// True when `given` equals `expected`. The time taken depends only on the lengths.
pub fn same(given: &str, expected: &str) -> bool {
    given.as_bytes().ct_eq(expected.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_only_when_every_byte_is() {
        assert!(super::same("abc123", "abc123"));
        assert!(!super::same("abc124", "abc123"));
        assert!(!super::same("abc12", "abc123"));
        assert!(!super::same("", "abc123"));
        assert!(super::same("", ""));
    }
}
