//! A codebook's codes as a nested list for its page: each code under its broader code, in the
//! codebook's order. Walked with an explicit stack, not recursion, so that no hierarchy (even a
//! deep chain stored before depth was bounded) can overflow the stack of a request thread.

use std::collections::{HashMap, HashSet};

use crate::domain::Code;

use super::Ui;
use super::views::{code_anchor, pick};

/// One code in a codebook tree; `opens` starts a nested list, `closes` ends that many.
pub struct TreeItem {
    /// The element id a link to this code lands on (`#kod-S72.0`).
    pub anchor: String,
    pub notation: String,
    pub label: String,
    pub definition: String,
    pub opens: bool,
    pub closes: usize,
}

fn item(ui: Ui, c: &Code, opens: bool) -> TreeItem {
    TreeItem {
        anchor: code_anchor(&c.notation),
        notation: c.notation.clone(),
        label: pick(ui, &c.label),
        definition: pick(ui, &c.definition),
        opens,
        closes: 0,
    }
}

/// The codes in page order: depth first, children after their parent. A code that sits in a
/// cycle or whose parent is missing is shown once, at the top level after the tree.
pub(super) fn codebook_tree(ui: Ui, codes: &[Code]) -> Vec<TreeItem> {
    let mut children: HashMap<Option<&str>, Vec<&Code>> = HashMap::new();
    for c in codes {
        children.entry(c.broader.as_deref()).or_default().push(c);
    }
    let mut out: Vec<TreeItem> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // Each frame: a list of siblings and the index of the next one to visit.
    let roots = children.get(&None).map(Vec::as_slice).unwrap_or(&[]);
    let mut stack: Vec<(&[&Code], usize)> = vec![(roots, 0)];
    while let Some(frame) = stack.last_mut() {
        let Some(&c) = frame.0.get(frame.1) else {
            stack.pop();
            // The nested list of the code last shown above ends here.
            if !stack.is_empty() {
                if let Some(last) = out.last_mut() {
                    last.closes += 1;
                }
            }
            continue;
        };
        frame.1 += 1;
        if !seen.insert(c.notation.as_str()) {
            continue; // a cycle in the hierarchy: show each code once
        }
        let kids = children
            .get(&Some(c.notation.as_str()))
            .filter(|v| !v.is_empty());
        out.push(item(ui, c, kids.is_some()));
        if let Some(kids) = kids {
            stack.push((kids.as_slice(), 0));
        }
    }
    for c in codes {
        if seen.insert(c.notation.as_str()) {
            out.push(item(ui, c, false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn code(notation: &str, broader: Option<&str>) -> Code {
        Code {
            notation: notation.into(),
            label: Lang::new(notation, ""),
            definition: Lang::default(),
            broader: broader.map(str::to_owned),
            mappings: Vec::new(),
        }
    }

    fn shape(tree: &[TreeItem]) -> Vec<(String, bool, usize)> {
        tree.iter()
            .map(|t| (t.notation.clone(), t.opens, t.closes))
            .collect()
    }

    #[test]
    fn the_tree_nests_children_and_closes_each_list_once() {
        let codes = [
            code("A", None),
            code("A1", Some("A")),
            code("A1a", Some("A1")),
            code("A2", Some("A")),
            code("B", None),
            // A cycle and a code whose parent is missing: shown once, at the top level.
            code("X", Some("Y")),
            code("Y", Some("X")),
            code("Z", Some("saknas")),
        ];
        let got = shape(&codebook_tree(Ui::SV, &codes));
        let want = [
            ("A", true, 0),
            ("A1", true, 0),
            ("A1a", false, 1),
            ("A2", false, 1),
            ("B", false, 0),
            ("X", false, 0),
            ("Y", false, 0),
            ("Z", false, 0),
        ];
        let want: Vec<(String, bool, usize)> =
            want.iter().map(|(n, o, c)| ((*n).into(), *o, *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_deep_chain_is_walked_without_recursion() {
        let n = 200_000;
        let codes: Vec<Code> = (0..n)
            .map(|i| {
                let parent = (i > 0).then(|| (i - 1).to_string());
                code(&i.to_string(), parent.as_deref())
            })
            .collect();
        let tree = codebook_tree(Ui::SV, &codes);
        assert_eq!(tree.len(), n);
        let last = tree
            .last()
            .map(|t| (t.notation.as_str(), t.opens, t.closes));
        assert_eq!(last, Some(("199999", false, n - 1)));
        assert!(tree[..n - 1].iter().all(|t| t.opens && t.closes == 0));
    }
}
