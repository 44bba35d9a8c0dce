//! Refuses, before it runs, a query that joins parts sharing no variable (a cartesian
//! product): oxigraph evaluates such a join by combining every row of one side with every row
//! of the other in memory, without reading the store, so its cancellation token — checked at
//! each read — cannot stop it, and the time limit could not take the CPU back.
//!
//! A part "varies" when it can give more than one row (a pattern with a variable or blank
//! node, VALUES with several rows); two varying parts of a join, or two groups of patterns of
//! one basic graph pattern, with no variable in common are refused with a message that says
//! how to connect them.

use std::collections::BTreeSet;

use spargebra::Query;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};

/// `Err` with the user's message when `query` asks for a cartesian product.
pub fn check(query: &Query) -> Result<(), String> {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    walk(pattern)
}

fn refused(a: &BTreeSet<String>, b: &BTreeSet<String>) -> String {
    let list = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(" ");
    format!(
        "frågan kombinerar delar utan gemensam variabel (en kartesisk produkt) och körs inte / \
         the query combines parts that share no variable (a cartesian product) and is not run: \
         {{{}}} and {{{}}}. Connect them by a shared variable, or ask them as separate queries.",
        list(a),
        list(b)
    )
}

fn walk(p: &GraphPattern) -> Result<(), String> {
    match p {
        GraphPattern::Bgp { patterns } => bgp(patterns),
        GraphPattern::Join { left, right } | GraphPattern::LeftJoin { left, right, .. } => {
            walk(left)?;
            walk(right)?;
            if varies(left) && varies(right) {
                let (l, r) = (in_scope(left), in_scope(right));
                if l.is_disjoint(&r) {
                    return Err(refused(&l, &r));
                }
            }
            Ok(())
        }
        GraphPattern::Union { left, right } | GraphPattern::Minus { left, right } => {
            walk(left)?;
            walk(right)
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => walk(inner),
        GraphPattern::Path { .. } | GraphPattern::Values { .. } => Ok(()),
        // A form this check does not know (LATERAL): refused rather than let through.
        #[allow(unreachable_patterns)]
        _ => Err("this form of query is not supported by the endpoint".into()),
    }
}

fn in_scope(p: &GraphPattern) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    p.on_in_scope_variable(|v| {
        out.insert(format!("?{}", v.as_str()));
    });
    out
}

/// The variables and blank nodes of a triple pattern (blank nodes join like variables).
fn names(t: &TriplePattern) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for term in [&t.subject, &t.object] {
        match term {
            TermPattern::Variable(v) => {
                out.insert(format!("?{}", v.as_str()));
            }
            TermPattern::BlankNode(b) => {
                out.insert(format!("_:{}", b.as_str()));
            }
            _ => {}
        }
    }
    if let NamedNodePattern::Variable(v) = &t.predicate {
        out.insert(format!("?{}", v.as_str()));
    }
    out
}

fn term_varies(t: &TermPattern) -> bool {
    !matches!(t, TermPattern::NamedNode(_) | TermPattern::Literal(_))
}

/// Whether `p` can give more than one row.
fn varies(p: &GraphPattern) -> bool {
    match p {
        GraphPattern::Bgp { patterns } => patterns.iter().any(|t| !names(t).is_empty()),
        GraphPattern::Path {
            subject, object, ..
        } => term_varies(subject) || term_varies(object),
        GraphPattern::Values { bindings, .. } => bindings.len() > 1,
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right } => varies(left) || varies(right),
        GraphPattern::Minus { left, .. } => varies(left),
        GraphPattern::Group {
            inner, variables, ..
        } => !variables.is_empty() && varies(inner),
        GraphPattern::Slice {
            length: Some(n), ..
        } if *n <= 1 => false,
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Service { inner, .. } => varies(inner),
        #[allow(unreachable_patterns)]
        _ => true,
    }
}

/// The patterns of one basic graph pattern fall into groups linked by shared names; more than
/// one group that varies is a product.
fn bgp(patterns: &[TriplePattern]) -> Result<(), String> {
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for t in patterns {
        let mut merged = names(t);
        if merged.is_empty() {
            continue; // a pattern of constants gives one row or none
        }
        groups.retain(|g| {
            if g.is_disjoint(&merged) {
                true
            } else {
                merged.extend(g.iter().cloned());
                false
            }
        });
        groups.push(merged);
    }
    match groups.as_slice() {
        [a, b, ..] => Err(refused(a, b)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(q: &str) -> Result<(), String> {
        check(
            &spargebra::SparqlParser::new()
                .parse_query(q)
                .expect("query"),
        )
    }

    #[test]
    fn products_are_refused_and_joins_pass() {
        for q in [
            "SELECT * { ?a ?b ?c . ?d ?e ?f }",
            "SELECT * { { ?a ?b ?c } { ?d ?e ?f } }",
            "SELECT * { ?a ?b ?c OPTIONAL { ?d ?e ?f } }",
            "SELECT (COUNT(*) AS ?n) { _:a <urn:p> _:c . _:d <urn:p> _:f }",
            "SELECT * { VALUES ?x { 1 2 } VALUES ?y { 3 4 } }",
            "SELECT * { { SELECT ?a { ?a ?b ?c } } { ?d ?e ?f } }",
        ] {
            assert!(verdict(q).is_err(), "{q}");
        }
        for q in [
            "SELECT * { ?a ?b ?c . ?c ?e ?f }",
            "SELECT * { ?a <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o> }",
            "SELECT * { ?a ?b ?c OPTIONAL { ?c ?e ?f } }",
            "SELECT * { { ?a ?b ?c } UNION { ?d ?e ?f } }",
            "SELECT * { VALUES ?x { 1 } ?a ?b ?c }",
            "SELECT * { GRAPH ?g { ?a ?b ?c } GRAPH ?g { ?d ?e ?f } }",
            "ASK {}",
            "SELECT * { ?a (!<urn:x>)* ?b . ?b (!<urn:x>)* ?c }",
        ] {
            assert_eq!(verdict(q), Ok(()), "{q}");
        }
    }
}
