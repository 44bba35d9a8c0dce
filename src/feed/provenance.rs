//! What the feeds say about where content comes from: a use case whose bindings (role,
//! priority, quick win) or problem-area links have no source is said to be illustrative, in a
//! `skos:note` on its `prof:Profile`. Called by `dcat` for every profile it describes.

use crate::domain::{Catalog, Lang, UseCase};

/// The note for a use case, or `None` when every binding and link it shows has a source.
pub(super) fn use_case_note(catalog: &Catalog, u: &UseCase) -> Option<Lang> {
    let shown: Vec<_> = u
        .bindings
        .iter()
        .filter(|b| {
            catalog
                .variables
                .get(&b.variable)
                .is_some_and(|v| v.status.is_published())
        })
        .collect();
    let illustrative = shown.iter().filter(|b| b.is_illustrative()).count();
    let links = !u.problem_areas.is_empty() && u.problem_areas_illustrative();
    if illustrative == 0 && !links {
        return None;
    }
    let mut sv = Vec::new();
    let mut en = Vec::new();
    if illustrative > 0 {
        sv.push(format!(
            "{illustrative} av användningsfallets {} kopplingar till variabler är illustrativa: ingen källa anger deras roll, prioritet eller snabba vinst.",
            shown.len()
        ));
        en.push(format!(
            "{illustrative} of the use case's {} bindings to variables are illustrative: no source gives their role, priority or quick win.",
            shown.len()
        ));
    }
    if links {
        sv.push("Kopplingarna till problemområden är illustrativa (ingen källa).".to_owned());
        en.push("The links to problem areas are illustrative (no source).".to_owned());
    }
    Some(Lang::new(sv.join(" "), en.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Binding, Id, Role, Status};

    fn id(s: &str) -> Id {
        Id::parse(s).expect("id")
    }

    fn use_case(sources: &[&str], links_source: &str) -> UseCase {
        UseCase {
            id: id("u"),
            short_name: String::new(),
            title: Lang::new("U", ""),
            description: Lang::default(),
            problem_areas: vec![id("p1")],
            status: Status::Standard,
            steps: Vec::new(),
            bindings: sources
                .iter()
                .enumerate()
                .map(|(i, s)| Binding {
                    variable: id(&format!("v{i}")),
                    role: Role::Required,
                    priority: None,
                    quick_win: false,
                    source: (*s).to_owned(),
                    value_set: None,
                })
                .collect(),
            problem_areas_source: links_source.to_owned(),
            harmonisation: Default::default(),
            registrations: Vec::new(),
        }
    }

    fn catalog(u: &UseCase) -> Catalog {
        let mut c = Catalog::default();
        for b in &u.bindings {
            let v = crate::domain::Variable::new(
                b.variable.clone(),
                Lang::new("V", ""),
                Lang::new("D", ""),
            );
            c.variables.insert(b.variable.clone(), v);
        }
        c
    }

    #[test]
    fn unsourced_bindings_and_links_are_called_illustrative() {
        let u = use_case(&["", "Tabell 9"], "");
        let note = use_case_note(&catalog(&u), &u).expect("a note");
        assert!(
            note.sv.starts_with("1 av användningsfallets 2 kopplingar"),
            "{}",
            note.sv
        );
        assert!(
            note.sv.contains("problemområden är illustrativa"),
            "{}",
            note.sv
        );
        assert!(
            note.en.starts_with("1 of the use case's 2 bindings"),
            "{}",
            note.en
        );
    }

    #[test]
    fn a_fully_sourced_use_case_has_no_note() {
        let u = use_case(&["Tabell 9"], "Tabell 8");
        assert_eq!(use_case_note(&catalog(&u), &u), None);
    }
}
