use clap::Parser;

// A page render allocates thousands of small objects across threads; a profile of the guest room
// page under load spent a fifth of its time in glibc's malloc and free. mimalloc takes most of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = server::cli::Cli::parse();
    match server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("quorum: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
