//! The most common passwords of the minimum length or more, from public breach lists.
const LIST: &str = include_str!("common_passwords.txt");

pub fn is_common(password: &str) -> bool {
    let candidate = password.trim().to_lowercase();
    LIST.lines().any(|line| line == candidate)
}
