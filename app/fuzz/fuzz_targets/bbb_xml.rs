//! A region's answer, whatever it holds, read as each call Quorum makes reads it: a value or an
//! error (`Malformed`, `Failed`), never a panic. Also the recording-ready callback's token, which
//! arrives from outside as text.
#![no_main]

use app::bbb::error::BbbError;
use app::bbb::jwt;
use app::bbb::xml::{Created, Empty, Meeting, Meetings, Recordings, Running, Version, parse};
use libfuzzer_sys::fuzz_target;

/// What the client's callers read of a refused answer: its kind, its key, its message.
fn report<T>(answer: Result<(T, Option<String>), BbbError>) {
    if let Err(error) = answer {
        let _ = (error.kind(), error.key(), error.is_checksum_error(), error.is_not_found(), error.to_string());
    }
}

fuzz_target!(|data: &[u8]| {
    // Bodies reach the parser as text: reqwest decodes them, replacing what is not UTF-8.
    let body = String::from_utf8_lossy(data);
    report(parse::<Empty>(&body));
    report(parse::<Version>(&body));
    report(parse::<Created>(&body));
    report(parse::<Running>(&body));
    report(parse::<Meeting>(&body));
    report(parse::<Meetings>(&body));
    report(parse::<Recordings>(&body));
    let _ = jwt::verify(&body, "secret");
});
