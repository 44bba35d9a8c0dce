//! The sheets of problem areas, use cases, their steps and their variable bindings.

use crate::domain::{Binding, ItemKind, Lang, ProblemArea, Role, Status, Step, UseCase};
use crate::import::rows::{RowView, parse_yes_no};

use super::{Merger, key};

impl Merger {
    pub(super) fn problem_area(&mut self, row: &RowView<'_>) {
        let Some(id) = self.id(row, "id") else { return };
        let k = key(ItemKind::ProblemArea, &id);
        if !self.first(&k, &row.loc("id")) || self.removes(row, &k) {
            return;
        }
        let mut p = self
            .catalog
            .problem_areas
            .get(&id)
            .cloned()
            .unwrap_or(ProblemArea {
                id: id.clone(),
                label: Lang::default(),
                description: Lang::default(),
            });
        self.set_lang(row, "label", "label_en", &mut p.label, true);
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut p.description,
            false,
        );
        self.catalog.problem_areas.insert(id, p);
    }

    pub(super) fn use_case(&mut self, row: &RowView<'_>) {
        let Some(id) = self.id(row, "id") else { return };
        let k = key(ItemKind::UseCase, &id);
        if !self.first(&k, &row.loc("id")) || self.removes(row, &k) {
            return;
        }
        let mut u = self.catalog.use_cases.get(&id).cloned().unwrap_or(UseCase {
            id: id.clone(),
            short_name: String::new(),
            title: Lang::default(),
            description: Lang::default(),
            problem_areas: Vec::new(),
            // Where a new item starts, as from the API; only a status cell moves it.
            status: Status::Draft,
            steps: Vec::new(),
            bindings: Vec::new(),
            problem_areas_source: String::new(),
            harmonisation: Default::default(),
            registrations: Vec::new(),
        });
        self.set_text(row, "short_name", &mut u.short_name, false);
        self.set_lang(row, "title", "title_en", &mut u.title, true);
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut u.description,
            false,
        );
        if let Some(ids) = self.id_list(row, "problem_areas", &k, "problem_area") {
            u.problem_areas = ids;
        }
        self.status(row, &k, &mut u.status);
        self.set_text(
            row,
            "problem_areas_source",
            &mut u.problem_areas_source,
            false,
        );
        self.catalog.use_cases.insert(id, u);
    }

    pub(super) fn step(&mut self, row: &RowView<'_>) {
        let Some(uc) = self.id(row, "use_case") else {
            return;
        };
        let n = match row.get("number").parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return self.problem(row.problem(
                    "number",
                    format!("{:?} is not a step number (1, 2, 3 …)", row.get("number")),
                ));
            }
        };
        let mut step = Step {
            description: Lang::default(),
        };
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut step.description,
            true,
        );
        self.steps_given
            .entry(uc)
            .or_default()
            .push((n, step, row.loc("number")));
    }

    pub(super) fn binding(&mut self, row: &RowView<'_>) {
        let (Some(uc), Some(var)) = (self.id(row, "use_case"), self.id(row, "variable")) else {
            return;
        };
        let uk = key(ItemKind::UseCase, &uc);
        let Some(u) = self.catalog.use_cases.get(&uc) else {
            return self.problem(row.problem(
                "use_case",
                format!("no use case {uc} in this input or in the catalogue"),
            ));
        };
        let mut u = u.clone();
        let pk = (uk.clone(), format!("binding:{var}"));
        if let Some(prev) = self.provenance.get(&pk) {
            let msg = format!("the binding {uc} → {var} appears twice (first at {prev})");
            return self.problem(row.problem("variable", msg));
        }
        self.provenance.insert(pk, row.loc("variable"));
        self.touched
            .entry(uk.clone())
            .or_insert_with(|| row.loc("use_case"));
        let remove = match parse_yes_no(row.get("remove")) {
            Ok(r) => r,
            Err(e) => return self.problem(row.problem("remove", e)),
        };
        // A sheet without the source column keeps the binding's source.
        let kept_source = u
            .bindings
            .iter()
            .find(|b| b.variable == var)
            .map(|b| b.source.clone())
            .unwrap_or_default();
        let kept_value_set = u
            .bindings
            .iter()
            .find(|b| b.variable == var)
            .and_then(|b| b.value_set.clone());
        u.bindings.retain(|b| b.variable != var);
        if !remove {
            let role = match Role::parse(row.get("role")) {
                Ok(r) => r,
                Err(e) => return self.problem(row.problem("role", e.to_string())),
            };
            let priority = match row.get("priority") {
                "" => None,
                p => match p.parse::<u8>() {
                    Ok(n @ 1..=5) => Some(n),
                    _ => {
                        return self.problem(
                            row.problem("priority", format!("{p:?} is not a priority from 1 to 5")),
                        );
                    }
                },
            };
            let quick_win = match parse_yes_no(row.get("quick_win")) {
                Ok(q) => q,
                Err(e) => return self.problem(row.problem("quick_win", e)),
            };
            let source = if row.has("source") {
                row.get("source").to_owned()
            } else {
                kept_source
            };
            let value_set = self.binding_value_set(row, &uk, &var, kept_value_set);
            u.bindings.push(Binding {
                variable: var,
                role,
                priority,
                quick_win,
                source,
                value_set,
            });
            u.bindings.sort_by(|a, b| a.variable.cmp(&b.variable));
        }
        self.catalog.use_cases.insert(uc, u);
    }
}
