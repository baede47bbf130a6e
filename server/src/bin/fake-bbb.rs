//! The fake BigBlueButton server on its own: `fake-bbb [ADDRESS] [SECRET]`
//! (defaults `127.0.0.1:3010` and the `FAKE_BBB_SECRET` environment variable). For tests and demos
//! only: it keeps everything in memory and has no media.
use server::fake_bbb::{Fake, serve};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "127.0.0.1:3010".into());
    let Some(secret) = args.next().or_else(|| std::env::var("FAKE_BBB_SECRET").ok()) else {
        eprintln!("fake-bbb: give the shared secret as the second argument or in FAKE_BBB_SECRET");
        return std::process::ExitCode::FAILURE;
    };
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("fake-bbb: cannot listen on {address}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("fake BigBlueButton API at http://{address}/bigbluebutton/api/");
    match serve(listener, Fake::new(&secret)).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fake-bbb: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
