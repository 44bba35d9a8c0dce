//! `varcat audit`: the latest entries of the audit log — every item an import or an API write
//! created, changed, removed or moved to another status — newest first, one line each.

use crate::db::AuditEntry;

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Only this item: its IRI, or its path such as /variabel/kon.
    #[arg(long)]
    pub item: Option<String>,
    /// How many entries to show.
    #[arg(long, default_value_t = 20)]
    pub limit: i64,
    /// Print JSON lines (one entry each, with the N-Triples before and after).
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let iris = cli.iris()?;
    let iri = opts.item.as_deref().map(|item| {
        let full = if item.starts_with("http://") || item.starts_with("https://") {
            item.to_owned()
        } else {
            format!("{}/{}", iris.base(), item.trim_start_matches('/'))
        };
        // Organisations are recorded under their dataportal.se IRIs.
        match iris.item_of(&full) {
            Some(key) => iris.item(&key).as_str().to_owned(),
            None => full,
        }
    });
    let mut db = super::open_db(cli)?;
    let entries = db.audit(iri.as_deref(), opts.limit.max(1))?;
    if entries.is_empty() {
        eprintln!(
            "varcat: no audit entries{}",
            match &iri {
                Some(i) => format!(" for {i}"),
                None => String::new(),
            }
        );
    }
    for e in &entries {
        if opts.json {
            println!("{}", serde_json::to_string(e)?);
        } else {
            println!("{}", line(e));
        }
    }
    Ok(())
}

fn line(e: &AuditEntry) -> String {
    let via = match e.run_id {
        Some(run) => format!("import #{run}"),
        None => e.source.clone(),
    };
    format!(
        "{}  {:<8} {:<12} {:<20} {} {}",
        e.at, e.action, via, e.actor, e.item_kind, e.item_id
    )
}
