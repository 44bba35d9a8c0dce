//! The codes an input lists for one codebook: each notation once, each broader code in the
//! codebook, and the hierarchy without cycles and no deeper than `MAX_CODE_DEPTH`.

use std::collections::HashMap;

use crate::domain::{Code, Id, hierarchy_problems, sort_codes};

use crate::import::report::{Location, Problem};

/// One code as the input gives it, with the cells of its notation and of its broader code.
pub struct Given {
    pub code: Code,
    pub at: Location,
    pub broader_at: Location,
}

/// The codes of codebook `cb` in codebook order, and every problem found in them.
pub fn checked(cb: &Id, given: Vec<Given>) -> (Vec<Code>, Vec<Problem>) {
    let mut seen: HashMap<String, Location> = HashMap::new();
    let mut list = Vec::new();
    let mut problems = Vec::new();
    for g in given {
        if let Some(prev) = seen.insert(g.code.notation.clone(), g.at.clone()) {
            problems.push(Problem {
                location: g.at,
                message: format!(
                    "code {} appears twice in codebook {cb} (first at {prev})",
                    g.code.notation
                ),
            });
            continue;
        }
        list.push(g);
    }
    for g in &list {
        if let Some(b) = &g.code.broader {
            if !seen.contains_key(b) {
                problems.push(Problem {
                    location: g.broader_at.clone(),
                    message: format!("broader code {b} is not in codebook {cb}"),
                });
            }
        }
    }
    let (codes, broader_at): (Vec<Code>, Vec<Location>) =
        list.into_iter().map(|g| (g.code, g.broader_at)).unzip();
    for (i, p) in hierarchy_problems(&codes) {
        problems.push(Problem {
            location: broader_at[i].clone(),
            message: p.to_string(),
        });
    }
    let mut codes = codes;
    sort_codes(&mut codes);
    (codes, problems)
}
