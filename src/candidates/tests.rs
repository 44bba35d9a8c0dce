use super::*;
use crate::domain::Lang;

fn variable(id: &str, name: &str, definition: &str, collection: &str) -> Variable {
    let mut v = Variable::new(
        Id::parse(id).expect("id"),
        Lang::new(name, ""),
        Lang::new(definition, ""),
    );
    v.collections = vec![Id::parse(collection).expect("id")];
    v
}

fn catalog(vars: Vec<Variable>) -> Catalog {
    let mut cat = Catalog::default();
    for v in vars {
        cat.variables.insert(v.id.clone(), v);
    }
    cat
}

fn pairs(c: &[Candidate]) -> Vec<(&str, &str)> {
    c.iter().map(|c| (c.a.as_str(), c.b.as_str())).collect()
}

#[test]
fn alike_variables_of_different_collections_are_paired_and_others_not() {
    let mut kon_a = variable("kon-a", "Kön", "Patientens kön.", "x");
    kon_a.codebook = Some(Id::parse("kon").expect("id"));
    let mut kon_b = variable("kon-b", "Patientkön", "Administrativt kön.", "y");
    kon_b.codebook = Some(Id::parse("kon").expect("id"));
    let cat = catalog(vec![
        variable(
            "atgardsdatum",
            "Datum för genomförd åtgärd",
            "Datum då operationen som patienten väntat på genomfördes.",
            "vantetider",
        ),
        variable(
            "operationsdatum",
            "Operationsdatum",
            "Datum då patienten opererades för höftfrakturen.",
            "rikshoft",
        ),
        variable(
            "ankomst",
            "Ankomstdatum",
            "Datum då patienten kom till sjukhuset.",
            "rikshoft",
        ),
        variable(
            "kostnad",
            "Kostnad",
            "Beräknad kostnad för en vårdkontakt.",
            "kpp",
        ),
        kon_a,
        kon_b,
    ]);
    let index = SearchIndex::build(&cat).expect("index");
    let found = compute(&cat, &index, false, |_| Vec::new()).expect("candidates");
    let p = pairs(&found);
    assert!(
        p.contains(&("atgardsdatum", "operationsdatum")),
        "{found:?}"
    );
    assert!(
        p.contains(&("kon-a", "kon-b")),
        "the same codebook: {found:?}"
    );
    assert!(
        !p.contains(&("ankomst", "operationsdatum")),
        "one collection: {found:?}"
    );
    assert!(
        !p.iter().any(|(a, b)| *a == "kostnad" || *b == "kostnad"),
        "{found:?}"
    );
    let kon = found.iter().find(|c| c.a.as_str() == "kon-a").expect("kon");
    assert!(kon.reasons.contains(&Reason::SameCodebook {
        codebook: Id::parse("kon").expect("id")
    }));
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score), "ranked");
}

#[test]
fn codebooks_sharing_most_codes_count_and_one_shared_code_does_not() {
    let code = |n: &str, l: &str| Code {
        notation: n.into(),
        label: Lang::new(l, ""),
        definition: Lang::default(),
        broader: None,
        mappings: Vec::new(),
    };
    let mut a = variable("a", "Län", "Länet.", "x");
    a.codebook = Some(Id::parse("lan").expect("id"));
    let mut b = variable("b", "Region", "Regionen.", "y");
    b.codebook = Some(Id::parse("region").expect("id"));
    let cat = catalog(vec![a.clone(), b.clone()]);
    let mut codes = |id: &Id| -> BTreeSet<(String, String)> {
        let list = match id.as_str() {
            "lan" => vec![code("01", "Stockholm"), code("03", "Uppsala")],
            _ => vec![
                code("01", "Stockholm"),
                code("03", "Uppsala"),
                code("04", "Sörmland"),
            ],
        };
        list.iter().map(code_key).collect()
    };
    let (score, reason) = domain(&a, &b, &mut codes).expect("shared codes");
    assert!((score - 0.8).abs() < 1e-6, "{score}");
    assert!(matches!(
        reason,
        Reason::SharedCodes {
            shared: 2,
            of: 2,
            ..
        }
    ));
    let mut one = |id: &Id| -> BTreeSet<(String, String)> {
        let list = match id.as_str() {
            "lan" => vec![code("1", "Ja"), code("2", "Nej")],
            _ => vec![code("1", "Ja"), code("2", "Höger")],
        };
        list.iter().map(code_key).collect()
    };
    assert_eq!(domain(&a, &b, &mut one), None);
    let _ = cat;
}
