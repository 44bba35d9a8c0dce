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
