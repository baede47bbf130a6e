//! An uploaded Open Collective export, whatever its bytes: each line read as member money, a
//! refund, something else, or a reason it is refused; the file refused whole when it is no export.
//! Never a panic. An amount read is kept exactly: its decimal text reads back to it.
#![no_main]

use app::contributions::service::opencollective::{Entry, read};
use app::money::Money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(export) = read(data) else { return };
    for (_, line) in &export.lines {
        if let Ok(Entry::Contribution { money, .. } | Entry::Refund { money, .. }) = line {
            assert_eq!(Money::read(&money.decimal(), &money.currency).as_ref(), Ok(money), "{money:?}");
        }
    }
});
