//! A value set's members in its RDF (issue 14): the value set's graph holds the concepts of
//! its code system that its selection admits (`skos:inScheme` the value set, with notation
//! and label), kept up to date when the code system's codes change, and read back as no
//! codes of the value set's own (a re-import changes nothing).

use crate::support::{BASE, Env, csv_dir, repo, stdout};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

fn in_scheme(dump: &str, code: &str, scheme: &str) -> bool {
    dump.contains(&format!(
        "<{BASE}/kodverk/{code}> <{SKOS}inScheme> <{BASE}/kodverk/{scheme}>"
    ))
}

#[test]
fn the_hip_fracture_value_set_names_its_members_as_concepts() {
    let env = Env::new();
    assert!(env.import(&repo().join("catalog-data")).status.success());
    let dump = env.dump();
    for n in ["S72.0", "S72.1", "S72.2"] {
        assert!(
            in_scheme(&dump, &format!("icd-10-se/{n}"), "icd-10-se-hoftfraktur"),
            "{n} is a member"
        );
    }
    for n in ["S72", "S72.3", "S72.9"] {
        assert!(
            !in_scheme(&dump, &format!("icd-10-se/{n}"), "icd-10-se-hoftfraktur"),
            "{n} is not a member"
        );
    }
    // The member's label is in the value set's graph too.
    let graph = format!("<{BASE}/kodverk/icd-10-se-hoftfraktur> .");
    assert!(
        dump.lines().any(|l| l.starts_with(&format!(
            "<{BASE}/kodverk/icd-10-se/S72.1> <{SKOS}prefLabel>"
        )) && l.ends_with(&graph)),
        "the member's label in the value set's graph"
    );
    let out = env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
}

#[test]
fn a_value_sets_members_follow_its_code_systems_codes() {
    let env = Env::new();
    let tmp = tempfile::tempdir().expect("tmp");
    let first = csv_dir(
        tmp.path(),
        "v1",
        &[
            (
                "kodverk.csv",
                "Identifierare,Titel,Status,Delmängd av,Urval\n\
                 zz-sys,Kodsystem (test),standard,,\n\
                 zz-vs,Värdemängd (test),standard,zz-sys,2–3\n",
            ),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning\nzz-sys,1,Ett\nzz-sys,2,Två\nzz-sys,3,Tre\nzz-sys,4,Fyra\n",
            ),
        ],
    );
    assert!(env.import(&first).status.success());
    let dump = env.dump();
    assert!(in_scheme(&dump, "zz-sys/2", "zz-vs"));
    assert!(in_scheme(&dump, "zz-sys/3", "zz-vs"));
    assert!(!in_scheme(&dump, "zz-sys/4", "zz-vs"));
    // A code added to the code system within the selection joins the value set's graph.
    let second = csv_dir(
        tmp.path(),
        "v2",
        &[(
            "koder.csv",
            "Kodverk,Kod,Benämning\nzz-sys,1,Ett\nzz-sys,2,Två\nzz-sys,2.5,Två och en halv\nzz-sys,3,Tre\nzz-sys,4,Fyra\n",
        )],
    );
    let out = env.run_ok(&["import", second.to_str().expect("path")]);
    assert!(
        stdout(&out).contains("2 changed"),
        "the code system and its value set: {}",
        stdout(&out)
    );
    let dump = env.dump();
    assert!(in_scheme(&dump, "zz-sys/2.5", "zz-vs"), "the new member");
    let out = env.run_ok(&["import", second.to_str().expect("path")]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));
}
