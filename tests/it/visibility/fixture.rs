//! The catalogue the visibility tests walk: catalog-data, a draft of each kind with a status,
//! a public variable whose earlier version was a draft, bindings between public and draft
//! items, two releases, conformance results for a draft and a public variable, and an
//! editor's token.

use std::path::Path;

use varcat::governance::{Role, tokens};
use varcat::store::Iris;
use varcat::web::State;
use varcat::workspace::Workspace;

use crate::support::{BASE, csv_dir, repo};
use crate::web::import_into;

const VARIABLES_V1: &str = "\
Identifierare,Namn,Definition,Definition (en),Värdemängd,Datainsamlingar,Ägare,Gemensamt element,Version,Status
zz-hemlig-variabel,ZQXNAMN Sekretessvariabel,ZQXDEF Sekretessdefinition.,ZQXDEFEN Secret definition.,zz-hemligt-kodverk,kpp,232100-0016,,1.0,utkast
zz-byter,Bytesvariabel,ZQXOLD Sekretessgammal definition.,,,kpp,232100-0016,,1.0,utkast
zz-offentlig-variabel,Offentlig variabel,Offentlig definition.,,zz-hemligt-kodverk,kpp,232100-0016,zz-hemlig-variabel,1.0,kandidat
";

const VARIABLES_V2: &str = "\
Identifierare,Namn,Definition,Definition (en),Värdemängd,Datainsamlingar,Ägare,Gemensamt element,Version,Status
zz-hemlig-variabel,ZQXNAMN Sekretessvariabel,ZQXDEF2 Sekretessdefinition ändrad.,ZQXDEFEN Secret definition.,zz-hemligt-kodverk,kpp,232100-0016,,2.0,utkast
zz-byter,Bytesvariabel,Offentlig definition nu.,,,kpp,232100-0016,,2.0,kandidat
zz-offentlig-variabel,Offentlig variabel,Offentlig definition.,,zz-hemligt-kodverk,kpp,232100-0016,zz-hemlig-variabel,1.0,kandidat
";

const CODEBOOKS: &str = "\
Identifierare,Titel,Titel (en),Beskrivning,Utgivare,Status
zz-hemligt-kodverk,ZQXBOK Sekretesskodverk,ZQXBOKEN,ZQXBOKDESC Sekretessbeskrivning.,232100-0016,utkast
";

const CODES: &str = "\
Kodverk,Kod,Benämning,Definition
zz-hemligt-kodverk,1,ZQXKOD Sekretesskod,ZQXKODDEF Sekretesskoddefinition.
zz-hemligt-kodverk,2,ZQXKODTVA Sekretesskod två,
";

const USE_CASES: &str = "\
Identifierare,Kortnamn,Titel,Beskrivning,Problemområden,Status
zz-hemligt-fall,Z,ZQXFALL Sekretessfall,ZQXFALLDESC Sekretessbeskrivning.,p1,utkast
";

const STEPS: &str = "\
Användningsfall,Nr,Beskrivning
zz-hemligt-fall,1,ZQXSTEG Sekretessteg.
";

const BINDINGS: &str = "\
Användningsfall,Variabel,Roll,Prioritet,Snabb vinst
vardplatser,zz-hemlig-variabel,obligatorisk,1,Ja
zz-hemligt-fall,kon,obligatorisk,2,Nej
zz-hemligt-fall,zz-offentlig-variabel,valfri,3,Nej
";

/// Paths of the drafts and of what names them; `{p}` stands for each.
pub(super) const ITEMS: &[&str] = &[
    "/variabel/zz-hemlig-variabel",
    "/variabel/zz-hemlig-variabel/1.0",
    "/kodverk/zz-hemligt-kodverk",
    "/kodverk/zz-hemligt-kodverk/1",
    "/anvandningsfall/zz-hemligt-fall",
    "/anvandningsfall/zz-hemligt-fall/steg/1",
    "/anvandningsfall/vardplatser/variabel/zz-hemlig-variabel",
    "/anvandningsfall/zz-hemligt-fall/variabel/kon",
    "/variabel/zz-byter",
    "/variabel/zz-byter/1.0",
    "/variabel/zz-offentlig-variabel",
    "/variabel/kon",
    "/kodverk/kon",
    "/anvandningsfall/vardplatser",
    "/datainsamling/kpp",
    "/organisation/SE2321000016",
    "/problemomrade/p1",
];

/// The server over catalog-data and the drafts, with two releases, the audit log of the
/// imports, and an editor's token.
pub(crate) fn state(tmp: &Path) -> (State, String) {
    let mut ws = Workspace::in_memory(Iris::new(BASE).expect("base")).expect("workspace");
    import_into(&mut ws, &repo().join("catalog-data"));
    let first = csv_dir(
        tmp,
        "v1",
        &[
            ("kodverk.csv", CODEBOOKS),
            ("koder.csv", CODES),
            ("variabler.csv", VARIABLES_V1),
            ("anvandningsfall.csv", USE_CASES),
            ("steg.csv", STEPS),
            ("kopplingar.csv", BINDINGS),
        ],
    );
    import_into(&mut ws, &first);
    let releases = tmp.join("releases");
    let r = varcat::releases::Releases::new(releases.clone());
    r.create("2026.1", &ws.store, "test", "2026-01-01T00:00:00Z")
        .expect("release");
    let second = csv_dir(tmp, "v2", &[("variabler.csv", VARIABLES_V2)]);
    import_into(&mut ws, &second);
    r.create("2026.2", &ws.store, "test", "2026-02-01T00:00:00Z")
        .expect("release");
    let Workspace { store, mut db } = ws;
    // Conformance results for a draft variable and a public one: the pages show the draft's
    // to editors only.
    record_conformance(&mut db);
    let token =
        tokens::create(&mut db, "erik", Role::Editor, "2026-01-01T00:00:00Z").expect("token");
    let state = State::new(store, crate::web::settings(1000))
        .expect("snapshot")
        .with_db(db)
        .with_releases(releases);
    (state, token)
}

fn record_conformance(db: &mut varcat::db::Db) {
    let count = |variable: &str, rule: &str, failing: i64| varcat::db::ConformanceResult {
        variable: variable.into(),
        column_name: Some("ZQXKOLUMN".into()),
        rule: rule.into(),
        checked: 10,
        failing,
    };
    db.record_conformance(
        &varcat::db::NewConformanceRun {
            recorded_at: "2026-01-01T00:00:00Z".into(),
            actor: "test".into(),
            region: "232100-0016".into(),
            collection: "kpp".into(),
            use_case: None,
            period: "2025-03".into(),
            row_count: 10,
            failing_rows: 1,
            unknown_columns: 0,
            conformant: false,
            synthetic: false,
        },
        &[
            count("zz-hemlig-variabel", "any", 1),
            count("zz-hemlig-variabel", "code", 1),
            count("kon", "any", 0),
        ],
    )
    .expect("conformance");
}
