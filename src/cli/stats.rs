//! `varcat stats`: counts per kind, as text or one JSON object.

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let ws = cli.open_read()?;
    let counts = ws.store.load_catalog()?.counts();
    if opts.json {
        println!("{}", serde_json::to_string(&counts)?);
    } else {
        let rows = [
            ("variables", counts.variables),
            ("codebooks", counts.codebooks),
            ("codes", counts.codes),
            ("use_cases", counts.use_cases),
            ("bindings", counts.bindings),
            ("collections", counts.collections),
            ("organisations", counts.organisations),
            ("problem_areas", counts.problem_areas),
        ];
        for (k, v) in rows {
            println!("{k:<14} {v:>7}");
        }
    }
    Ok(())
}
