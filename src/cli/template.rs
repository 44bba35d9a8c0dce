//! `varcat template OUT.xlsx`: the empty workbook editors fill in.

use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Where to write the template (.xlsx).
    pub out: PathBuf,
}

pub fn run(opts: &Opts) -> anyhow::Result<()> {
    crate::export::write_template(&opts.out)?;
    eprintln!("varcat: wrote the empty template to {}", opts.out.display());
    Ok(())
}
