use clap::Parser;

// A page render allocates thousands of small objects across threads; a profile of the guest room
// page under load spent a fifth of its time in glibc's malloc and free. mimalloc takes most of that.
// Built without transparent huge pages (`no_thp`): its arena asked the kernel for 2 MiB pages, so
// an idle portal held 27 MiB of them where it used 7, and a crowd's pages peaked at 109 MiB (74).
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
