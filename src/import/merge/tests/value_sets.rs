//! Value sets and the bindings that use them: bad cells reported at `sheet!row:column`.

use super::{id, merge, sheet};
use crate::domain::{Catalog, Lang, Variable};

const BOOK_HEAD: &[&str] = &[
    "Identifierare",
    "Titel",
    "Delmängd av",
    "Kodsystemets version",
    "Urval",
];

fn catalogue() -> Catalog {
    let sheets = [
        sheet(
            "kodverk",
            &[
                &["Identifierare", "Titel", "Version"],
                &["icd", "ICD-10-SE (utdrag)", "2024"],
                &["kon", "Kön", ""],
            ],
        ),
        sheet(
            "koder",
            &[
                &["Kodverk", "Kod", "Benämning"],
                &["icd", "S72", "Fraktur på lårben"],
                &["icd", "S72.0", "Fraktur på lårbenshalsen"],
                &["icd", "S72.1", "Pertrokantär fraktur"],
                &["icd", "S72.2", "Subtrokantär fraktur"],
                &["icd", "S72.3", "Fraktur på lårbensskaftet"],
                &["kon", "1", "Man"],
            ],
        ),
        sheet(
            "anvandningsfall",
            &[&["Identifierare", "Titel"], &["d", "Vårdflöden"]],
        ),
    ];
    let (m, problems) = merge(&Catalog::default(), &sheets);
    assert!(problems.is_empty(), "{problems:?}");
    let mut cat = m.catalog;
    let mut v = Variable::new(
        id("hdia"),
        Lang::new("Huvuddiagnos", ""),
        Lang::new("d", ""),
    );
    v.codebook = Some(id("icd"));
    cat.variables.insert(id("hdia"), v);
    let mut v = Variable::new(id("kon"), Lang::new("Kön", ""), Lang::new("d", ""));
    v.codebook = Some(id("kon"));
    cat.variables.insert(id("kon"), v);
    cat
}

#[test]
fn a_value_set_of_listed_codes_and_ranges_is_taken() {
    let cat = catalogue();
    let (m, problems) = merge(
        &cat,
        &[sheet(
            "kodverk",
            &[
                BOOK_HEAD,
                &["hoft", "Höftfraktur", "icd", "2024", "S72.0–S72.2; S72.3"],
            ],
        )],
    );
    assert!(problems.is_empty(), "{problems:?}");
    let set = &m.catalog.codebooks[&id("hoft")];
    assert_eq!(set.subset_of, Some(id("icd")));
    let system = &m.catalog.codebooks[&id("icd")];
    let got: Vec<&str> = crate::domain::value_set::members(set, system)
        .iter()
        .map(|c| c.notation.as_str())
        .collect();
    assert_eq!(got, ["S72.0", "S72.1", "S72.2", "S72.3"]);
}

#[test]
fn bad_value_sets_are_reported_at_their_cells() {
    let cat = catalogue();
    let (_, problems) = merge(
        &cat,
        &[sheet(
            "kodverk",
            &[
                BOOK_HEAD,
                &["a", "Okänt kodsystem", "finns-inte", "", "S72.0"],
                &["b", "Ände utanför", "icd", "", "S72.0–S72.5"],
                &["c", "Fel version", "icd", "2019", "S72.0"],
                &["d", "Omvänt", "icd", "", "S72.2–S72.0"],
                &["e", "Tomt urval", "icd", "", ""],
                &["f", "Trasigt", "icd", "", "S72.0–S72.1–S72.2"],
            ],
        )],
    );
    let all = problems.join("\n");
    for expected in [
        "kodverk!2:C: Delmängd av: refers to kodverk finns-inte, which is neither in this input nor in the catalogue",
        "kodverk!3:E: Urval: S72.0–S72.5: S72.5 is not a code of icd (version 2024)",
        "kodverk!4:D: Kodsystemets version: the code system icd is at version \"2024\", not \"2019\"",
        "kodverk!5:E: Urval: S72.2–S72.0: the range ends before it starts",
        "kodverk!6:E: Urval: is required for a value set",
        "kodverk!7:E: Urval: \"S72.0–S72.1–S72.2\" is neither a code nor a range",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
}

#[test]
fn a_binding_names_a_value_set_of_its_variables_code_system() {
    let cat = catalogue();
    let head: &[&str] = &["Användningsfall", "Variabel", "Roll", "Värdemängd"];
    let (m, problems) = merge(
        &cat,
        &[
            sheet(
                "kodverk",
                &[
                    BOOK_HEAD,
                    &["hoft", "Höftfraktur", "icd", "", "S72.0–S72.2"],
                ],
            ),
            sheet(
                "kopplingar",
                &[
                    head,
                    &["d", "hdia", "obligatorisk", "hoft"],
                    &["d", "kon", "obligatorisk", "hoft"],
                    &["d", "kon", "obligatorisk", ""],
                ],
            ),
        ],
    );
    let all = problems.join("\n");
    assert!(
        all.contains(
            "kopplingar!3:D: Värdemängd: hoft is drawn from icd, but the value domain of kon is kon"
        ),
        "{all}"
    );
    assert!(all.contains("kopplingar!4:B"), "a repeated binding: {all}");
    let _ = m;
    let (m, problems) = merge(
        &cat,
        &[
            sheet(
                "kodverk",
                &[
                    BOOK_HEAD,
                    &["hoft", "Höftfraktur", "icd", "", "S72.0–S72.2"],
                ],
            ),
            sheet(
                "kopplingar",
                &[
                    head,
                    &["d", "hdia", "obligatorisk", "hoft"],
                    &["d", "kon", "obligatorisk", "icd"],
                ],
            ),
        ],
    );
    let all = problems.join("\n");
    assert!(
        all.contains("kopplingar!3:D: Värdemängd: icd is not a value set"),
        "{all}"
    );
    let b = &m.catalog.use_cases[&id("d")].bindings;
    assert_eq!(b[0].value_set, Some(id("hoft")));
}

#[test]
fn a_sheet_of_codes_without_a_codebook_column_belongs_to_the_inputs_one_codebook() {
    let (m, problems) = merge(
        &Catalog::default(),
        &[
            sheet(
                "kodverk",
                &[&["Identifierare", "Titel"], &["stor", "Stort kodsystem"]],
            ),
            sheet(
                "koder",
                &[&["Kod", "Benämning"], &["A1", "Ett"], &["A2", "Två"]],
            ),
        ],
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(m.catalog.codebooks[&id("stor")].codes.len(), 2);
    let (_, problems) = merge(
        &Catalog::default(),
        &[
            sheet(
                "kodverk",
                &[&["Identifierare", "Titel"], &["a", "A"], &["b", "B"]],
            ),
            sheet("koder", &[&["Kod", "Benämning"], &["A1", "Ett"]]),
        ],
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("koder!2:A: Kod: this sheet of codes has no column Kodverk")),
        "{problems:?}"
    );
}
