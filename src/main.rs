//! The `varcat` binary: parses the command line and hands over to `varcat::cli`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VARCAT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = varcat::cli::Cli::parse();
    if !matches!(cli.command, varcat::cli::Command::Serve(_)) {
        end_quietly_on_a_closed_pipe();
    }
    match varcat::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            if let Some(exit) = e.downcast_ref::<varcat::cli::Exit>() {
                if let Some(m) = &exit.message {
                    eprintln!("varcat: error: {m}");
                }
                return std::process::ExitCode::from(exit.code);
            }
            eprintln!("varcat: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Rust ignores SIGPIPE, so a command whose reader went away (`varcat export … | head`)
/// would panic at its next `println!`. A command line tool should end there, silently, as
/// `cat` does: the default action of the signal. Not for `serve`, whose sockets report a
/// closed connection as an error to handle, not as a signal that ends the server.
#[expect(
    unsafe_code,
    reason = "std has no safe way to restore a signal's default action"
)]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: called once at start, before any other thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
