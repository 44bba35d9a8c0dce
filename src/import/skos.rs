//! SKOS code systems in Turtle or RDF/XML → codebooks. Each `skos:ConceptScheme` becomes one
//! codebook; its concepts become codes. The file's IRIs are replaced by varcat's own.

use oxigraph::io::RdfParser;
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef, Triple};

use std::collections::HashSet;

use crate::domain::{Code, Codebook, Id, Lang, Status, hierarchy_problems, natural_cmp, slugify};
use crate::store::vocab::{adms, dct, owl, rdf, skos};

use super::report::{Location, Problem};
use super::source::RdfFile;

const RDFS_LABEL: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");

/// Each codebook with the status its scheme states (`adms:status`; `None` when it states none)
/// and where it is.
pub fn codebooks(
    file: &RdfFile,
    problems: &mut Vec<Problem>,
) -> Vec<(Codebook, Option<Status>, Location)> {
    let mut graph = Graph::new();
    for t in RdfParser::from_format(file.format).for_slice(&file.bytes) {
        match t {
            Ok(q) => {
                graph.insert(&Triple::from(q));
            }
            Err(e) => {
                problems.push(Problem {
                    location: Location::File {
                        file: file.name.clone(),
                    },
                    message: format!("not valid RDF: {e}"),
                });
                return Vec::new();
            }
        }
    }
    let schemes: Vec<_> = graph
        .subjects_for_predicate_object(rdf::TYPE, skos::CONCEPT_SCHEME)
        .map(|s| s.into_owned())
        .collect();
    if schemes.is_empty() {
        problems.push(Problem {
            location: Location::File {
                file: file.name.clone(),
            },
            message: "holds no skos:ConceptScheme; a code system needs one".into(),
        });
    }
    let mut out = Vec::new();
    for scheme in schemes {
        let loc = Location::Resource {
            file: file.name.clone(),
            iri: scheme.to_string(),
        };
        let raw_id = text(&graph, scheme.as_ref(), dct::IDENTIFIER);
        let id_src = if raw_id.is_empty() {
            slugify(
                scheme
                    .to_string()
                    .trim_end_matches(['/', '>'])
                    .rsplit(['/', '#'])
                    .next()
                    .unwrap_or(""),
            )
        } else {
            raw_id
        };
        let id = match Id::parse(&id_src) {
            Ok(id) => id,
            Err(e) => {
                problems.push(Problem {
                    location: loc,
                    message: format!("dct:identifier: {e}"),
                });
                continue;
            }
        };
        let mut title = lang(&graph, scheme.as_ref(), dct::TITLE);
        if title.is_empty() {
            title = lang(&graph, scheme.as_ref(), skos::PREF_LABEL);
        }
        if title.is_empty() {
            title = lang(&graph, scheme.as_ref(), RDFS_LABEL);
        }
        let title = checked_lang(problems, &loc, "title", title);
        let description = checked_lang(
            problems,
            &loc,
            "description",
            lang(&graph, scheme.as_ref(), dct::DESCRIPTION),
        );
        let version = checked(
            problems,
            &loc,
            "version",
            text(&graph, scheme.as_ref(), owl::VERSION_INFO),
        );
        if title.sv.is_empty() {
            problems.push(Problem {
                location: loc.clone(),
                message: "needs a title (dct:title in Swedish)".into(),
            });
        }
        let mut members: Vec<_> = graph
            .subjects_for_predicate_object(skos::IN_SCHEME, scheme.as_ref())
            .chain(graph.subjects_for_predicate_object(skos::TOP_CONCEPT_OF, scheme.as_ref()))
            .map(|s| s.into_owned())
            .collect();
        members.sort_by_key(|m| m.to_string());
        members.dedup();
        let in_scheme: HashSet<NamedOrBlankNodeRef<'_>> =
            members.iter().map(|m| m.as_ref()).collect();
        let mut codes: Vec<(Code, Location)> = Vec::new();
        for c in &members {
            let cloc = Location::Resource {
                file: file.name.clone(),
                iri: c.to_string(),
            };
            let notation = checked(
                problems,
                &cloc,
                "notation",
                text(&graph, c.as_ref(), skos::NOTATION),
            );
            if notation.is_empty() {
                problems.push(Problem {
                    location: cloc,
                    message: "a concept needs a skos:notation (its code)".into(),
                });
                continue;
            }
            if let Err(e) = super::text::check_notation(&notation) {
                problems.push(Problem {
                    location: cloc,
                    message: format!("skos:notation: {e}"),
                });
                continue;
            }
            let label = checked_lang(
                problems,
                &cloc,
                "label",
                lang(&graph, c.as_ref(), skos::PREF_LABEL),
            );
            let definition = checked_lang(
                problems,
                &cloc,
                "definition",
                lang(&graph, c.as_ref(), skos::DEFINITION),
            );
            if label.is_empty() {
                problems.push(Problem {
                    location: cloc.clone(),
                    message: format!("code {notation} needs a skos:prefLabel"),
                });
            }
            let broader = match graph.object_for_subject_predicate(c.as_ref(), skos::BROADER) {
                Some(TermRef::NamedNode(b)) => {
                    let parent = text(&graph, b.into(), skos::NOTATION);
                    if parent.is_empty() || !in_scheme.contains(&NamedOrBlankNodeRef::from(b)) {
                        problems.push(Problem {
                            location: cloc.clone(),
                            message: format!(
                                "skos:broader <{}> is not a concept with a notation in this scheme",
                                b.as_str()
                            ),
                        });
                        None
                    } else {
                        Some(parent)
                    }
                }
                _ => None,
            };
            codes.push((
                Code {
                    notation,
                    label,
                    definition,
                    broader,
                    mappings: Vec::new(),
                },
                cloc,
            ));
        }
        codes.sort_by(|a, b| natural_cmp(&a.0.notation, &b.0.notation));
        let (codes, locs): (Vec<Code>, Vec<Location>) = codes.into_iter().unzip();
        let mut seen = HashSet::new();
        for c in &codes {
            if !seen.insert(c.notation.as_str()) {
                problems.push(Problem {
                    location: loc.clone(),
                    message: format!("code {} appears twice", c.notation),
                });
            }
        }
        for (i, p) in hierarchy_problems(&codes) {
            problems.push(Problem {
                location: locs[i].clone(),
                message: format!("skos:broader: {p}"),
            });
        }
        let publisher = match graph.object_for_subject_predicate(scheme.as_ref(), dct::PUBLISHER) {
            Some(TermRef::NamedNode(p)) => crate::store::orgnr_of_iri(p.as_str()),
            _ => None,
        };
        // No hidden default: a scheme without a status keeps the codebook's (a new one is a
        // draft), and a status that is none of the lifecycle's is reported.
        let status = match graph.object_for_subject_predicate(scheme.as_ref(), adms::STATUS) {
            Some(TermRef::NamedNode(s)) => {
                let found = Status::ALL
                    .iter()
                    .copied()
                    .find(|t| s.as_str().ends_with(&format!("status-{}", t.as_str())));
                if found.is_none() {
                    problems.push(Problem {
                        location: loc.clone(),
                        message: format!(
                            "adms:status: <{}> is not a status of the lifecycle (expected one of \
                             varcat:status-utkast, -kandidat, -standard, -ersatt, -avregistrerad)",
                            s.as_str()
                        ),
                    });
                }
                found
            }
            Some(_) => {
                problems.push(Problem {
                    location: loc.clone(),
                    message: "adms:status: must be an IRI (varcat:status-standard, …)".into(),
                });
                None
            }
            None => None,
        };
        let source = match graph.object_for_subject_predicate(scheme.as_ref(), dct::SOURCE) {
            Some(TermRef::Literal(l)) => l.value().to_owned(),
            Some(TermRef::NamedNode(n)) => n.as_str().to_owned(),
            _ => String::new(),
        };
        out.push((
            Codebook {
                id,
                title,
                description,
                version,
                source: checked(problems, &loc, "source", source),
                publisher,
                subset_of: None,
                subset_of_version: String::new(),
                selection: String::new(),
                status: status.unwrap_or(Status::Draft),
                codes,
                registrations: Vec::new(),
            },
            status,
            loc,
        ));
    }
    out
}

/// `value` when it passes the text check every input passes (`text::check`), else empty with
/// the problem reported at the resource, named by the sheet column the value would fill.
fn checked(problems: &mut Vec<Problem>, loc: &Location, field: &str, value: String) -> String {
    match super::text::check(field, &value) {
        Ok(()) => value,
        Err(e) => {
            problems.push(Problem {
                location: loc.clone(),
                message: format!("{field}: {e}"),
            });
            String::new()
        }
    }
}

fn checked_lang(problems: &mut Vec<Problem>, loc: &Location, field: &str, value: Lang) -> Lang {
    Lang {
        sv: checked(problems, loc, field, value.sv),
        en: checked(problems, loc, &format!("{field}_en"), value.en),
    }
}

fn text(g: &Graph, s: NamedOrBlankNodeRef<'_>, p: NamedNodeRef<'_>) -> String {
    g.objects_for_subject_predicate(s, p)
        .find_map(|o| match o {
            TermRef::Literal(l) => Some(l.value().trim().to_owned()),
            _ => None,
        })
        .unwrap_or_default()
}

fn lang(g: &Graph, s: NamedOrBlankNodeRef<'_>, p: NamedNodeRef<'_>) -> Lang {
    let mut out = Lang::default();
    for o in g.objects_for_subject_predicate(s, p) {
        if let TermRef::Literal(l) = o {
            match l.language() {
                Some(t) if t.starts_with("en") => out.en = l.value().trim().to_owned(),
                Some(t) if t.starts_with("sv") => out.sv = l.value().trim().to_owned(),
                None if out.sv.is_empty() => out.sv = l.value().trim().to_owned(),
                _ => {}
            }
        }
    }
    out
}
