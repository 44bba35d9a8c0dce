//! `varcat token create|list|revoke`: API tokens. `create` prints the token once; only its
//! SHA-256 is stored. Works beside a running `varcat serve` (it opens only the database).

use anyhow::{Context, bail};

use crate::governance::{Role, tokens};
use crate::workspace::now;

#[derive(Debug, clap::Args)]
pub struct Opts {
    #[command(subcommand)]
    pub command: TokenCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it (the only time it is shown).
    Create {
        /// Who holds it; the audit log names writes by it.
        #[arg(long)]
        name: String,
        /// editor (create and update items), registrar (also change their status) or
        /// region (submit the conformance results of its own region only, with --region).
        #[arg(long, value_parser = ["editor", "registrar", "region"])]
        role: String,
        /// With --role region: the region's organisationsnummer (NNNNNN-NNNN).
        #[arg(long)]
        region: Option<String>,
        /// With --role registrar: the registration authority whose statuses it sets
        /// (organisationsnummer; default: the publisher, 222000-0315).
        #[arg(long)]
        authority: Option<String>,
    },
    /// List the tokens (names, roles, dates; never the tokens themselves).
    List,
    /// Revoke a token by name; API calls with it get 401 from then on, and the sign-in
    /// sessions opened with it end.
    Revoke {
        /// The token's name.
        name: String,
    },
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let mut db = super::open_db(cli)?;
    match &opts.command {
        TokenCommand::Create {
            name,
            role,
            region,
            authority,
        } => {
            let role = Role::parse(role).context("--role")?;
            if authority.is_some() && role != Role::Registrar {
                bail!("--authority goes with --role registrar only");
            }
            let token = match (role, region) {
                (Role::Region, Some(r)) => {
                    let org = crate::domain::OrgNr::parse(r)
                        .map_err(|e| anyhow::anyhow!("--region: {e}"))?;
                    tokens::create_for_region(&mut db, name, &org, &now())?
                }
                (Role::Region, None) => {
                    bail!("--role region needs --region ORGNR (the region's organisationsnummer)")
                }
                (_, Some(_)) => bail!("--region goes with --role region only"),
                (Role::Registrar, None) => {
                    let org = match authority {
                        Some(a) => crate::domain::OrgNr::parse(a)
                            .map_err(|e| anyhow::anyhow!("--authority: {e}"))?,
                        None => crate::governance::publisher(),
                    };
                    tokens::create_registrar(&mut db, name, &org, &now())?
                }
                (_, None) => tokens::create(&mut db, name, role, &now())?,
            };
            println!("{token}");
            eprintln!(
                "varcat: created the {role} token {name:?}; it is shown only now (only its hash is \
                 kept), so store it safely. Use it as: Authorization: Bearer <token>"
            );
        }
        TokenCommand::List => {
            let all = db.tokens()?;
            if all.is_empty() {
                eprintln!("varcat: no tokens; create one with `varcat token create`");
            }
            println!(
                "{:<24} {:<10} {:<12} {:<12} {:<21} REVOKED",
                "NAME", "ROLE", "REGION", "AUTHORITY", "CREATED"
            );
            for t in all {
                // A registrar's token made before tokens had an authority is the publisher's.
                let authority = match (t.role.as_str(), t.authority.as_deref()) {
                    (_, Some(a)) => a.to_owned(),
                    ("registrar", None) => crate::config::DEFAULT_PUBLISHER.to_owned(),
                    _ => "-".to_owned(),
                };
                println!(
                    "{:<24} {:<10} {:<12} {:<12} {:<21} {}",
                    t.name,
                    t.role,
                    t.region.as_deref().unwrap_or("-"),
                    authority,
                    t.created_at,
                    t.revoked_at.as_deref().unwrap_or("-")
                );
            }
        }
        TokenCommand::Revoke { name } => {
            if !db.revoke_token(name, &now())? {
                bail!("no active token named {name:?} (see `varcat token list`)");
            }
            eprintln!("varcat: revoked the token {name:?} and ended its sign-in sessions");
        }
    }
    Ok(())
}
