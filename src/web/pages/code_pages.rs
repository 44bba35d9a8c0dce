//! Code systems of national size on their pages: a codebook of more than `TREE_MAX` codes (or
//! one searched within, `?q=`) is listed flat, `PAGE_SIZE` codes a page (`?sida=N`), and a
//! variable whose value domain is that large lists none of them on its own page but links to
//! its codebook's. Value sets show the code system they are drawn from, their selection and
//! their members; a variable's page shows, per use case, the value set narrowing it.

use crate::domain::{Catalog, Code, Codebook, ItemKind};

use super::Ui;
use super::views::{Fact, ItemPage, Link, code_anchor, href, pick};

/// A codebook up to this many codes is shown whole, as a tree.
pub const TREE_MAX: usize = 500;
/// Codes per page of a large codebook.
pub const PAGE_SIZE: usize = 200;
/// The longest search text taken (in characters); the rest is ignored.
const MAX_QUERY: usize = 200;

/// What a codebook page was asked for: a search text and a page (1 first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeQuery {
    pub q: String,
    pub page: usize,
}

impl CodeQuery {
    /// Reads `q` and `sida` (`page` too) from a query string; anything else is ignored, and a
    /// page that is no number is page 1.
    pub fn parse(query: &str) -> Self {
        let mut out = Self::default();
        let pairs = actix_web::web::Query::<Vec<(String, String)>>::from_query(query)
            .map(actix_web::web::Query::into_inner)
            .unwrap_or_default();
        for (k, v) in pairs {
            match k.as_str() {
                "q" => out.q = v.trim().chars().take(MAX_QUERY).collect(),
                "sida" | "page" => out.page = v.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
        out
    }

    /// Whether the plain page was asked for.
    pub fn is_plain(&self) -> bool {
        self.q.is_empty() && self.page <= 1
    }

    /// The key a rendered page is kept under: the path, plus the query when there is one.
    pub fn cache_path(&self, path: &str) -> String {
        if self.is_plain() {
            path.to_owned()
        } else {
            format!("{path}?{}", self.href_query(self.page.max(1)))
        }
    }

    fn href_query(&self, page: usize) -> String {
        if self.q.is_empty() {
            format!("sida={page}")
        } else {
            format!("q={}&sida={page}", encode(&self.q))
        }
    }
}

/// Percent-encodes a query value (as `application/x-www-form-urlencoded`, space as `+`).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One page of a large codebook's codes, or of those matching a search.
pub struct CodePager {
    /// The page's own path, which the search form is sent to.
    pub action: String,
    pub q: String,
    /// Codes in the codebook, codes matching the search, this page's number and the count.
    pub total: usize,
    pub matched: usize,
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<CodeRow>,
    pub previous: Option<String>,
    pub next: Option<String>,
}

pub struct CodeRow {
    pub anchor: String,
    pub notation: String,
    pub label: String,
    pub broader: String,
}

impl CodePager {
    pub fn summary(&self, ui: &Ui) -> String {
        let shown = if self.rows.is_empty() {
            String::new()
        } else {
            let first = (self.page - 1) * PAGE_SIZE + 1;
            let last = first + self.rows.len() - 1;
            if ui.english() {
                format!(
                    "; codes {first}–{last} shown (page {} of {})",
                    self.page, self.pages
                )
            } else {
                format!(
                    "; kod {first}–{last} visas (sida {} av {})",
                    self.page, self.pages
                )
            }
        };
        match (self.q.is_empty(), ui.english()) {
            (true, true) => format!("{} codes{shown}", self.total),
            (true, false) => format!("{} koder{shown}", self.total),
            (false, true) => format!(
                "{} of {} codes match “{}”{shown}",
                self.matched, self.total, self.q
            ),
            (false, false) => format!(
                "{} av {} koder matchar ”{}”{shown}",
                self.matched, self.total, self.q
            ),
        }
    }
}

/// Lower case without diacritics, for matching a search text.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ò' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        })
        .collect()
}

/// Whether a code matches the folded search text: its notation starts with it, or its label or
/// definition (either language) holds it.
fn matches(c: &Code, q: &str) -> bool {
    fold(&c.notation).starts_with(q)
        || [&c.label.sv, &c.label.en, &c.definition.sv, &c.definition.en]
            .iter()
            .any(|t| fold(t).contains(q))
}

/// The pager of a codebook page, when the codebook is too large for a tree or was searched.
pub fn pager(ui: Ui, path: &str, codes: &[Code], query: &CodeQuery) -> Option<CodePager> {
    if codes.len() <= TREE_MAX && query.q.is_empty() {
        return None;
    }
    let q = fold(&query.q);
    let hits: Vec<&Code> = codes
        .iter()
        .filter(|c| q.is_empty() || matches(c, &q))
        .collect();
    let pages = hits.len().div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let rows = hits
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|c| CodeRow {
            anchor: code_anchor(&c.notation),
            notation: c.notation.clone(),
            label: pick(ui, &c.label),
            broader: c.broader.clone().unwrap_or_default(),
        })
        .collect();
    let at = |n: usize| format!("{path}?{}", query.href_query(n));
    Some(CodePager {
        action: path.to_owned(),
        q: query.q.clone(),
        total: codes.len(),
        matched: hits.len(),
        page,
        pages,
        rows,
        previous: (page > 1).then(|| at(page - 1)),
        next: (page < pages).then(|| at(page + 1)),
    })
}

/// A value set's codes: the members of its code system (`system`, with its codes).
pub fn value_set_book(set: &Codebook, system: &Codebook) -> Codebook {
    let codes = crate::domain::value_set::members(set, system)
        .into_iter()
        .cloned()
        .collect();
    Codebook {
        codes,
        ..set.clone()
    }
}

fn fact(label: &'static str, value: String, href: Option<String>) -> Fact {
    Fact { label, value, href }
}

/// What a codebook's page adds for a value set (its code system, version and selection) or a
/// code system (the value sets drawn from it).
pub fn codebook_extras(ui: Ui, cat: &Catalog, book: &Codebook, page: &mut ItemPage) {
    let en = ui.english();
    if let Some(system) = &book.subset_of {
        page.kind = if en { "Value set" } else { "Värdemängd" };
        let label = cat
            .codebooks
            .get(system)
            .map(|b| pick(ui, &b.title))
            .unwrap_or_else(|| system.to_string());
        page.facts.push(fact(
            if en { "Subset of" } else { "Delmängd av" },
            label,
            Some(href(ui, ItemKind::Codebook, system.as_str())),
        ));
        if !book.subset_of_version.is_empty() {
            page.facts.push(fact(
                if en {
                    "Code system version"
                } else {
                    "Kodsystemets version"
                },
                book.subset_of_version.clone(),
                None,
            ));
        }
        page.facts.push(fact(
            if en { "Selection" } else { "Urval" },
            book.selection.clone(),
            None,
        ));
        let used: Vec<Link> = cat
            .use_cases
            .values()
            .flat_map(|u| {
                u.bindings
                    .iter()
                    .filter(|b| b.value_set.as_ref() == Some(&book.id))
                    .map(move |b| Link {
                        href: href(ui, ItemKind::UseCase, u.id.as_str()),
                        label: format!("{} → {}", pick(ui, &u.title), b.variable),
                    })
            })
            .collect();
        page.lists.push((
            if en {
                "Narrows in use cases"
            } else {
                "Avgränsar i användningsfall"
            },
            used,
        ));
    } else {
        let sets: Vec<Link> = cat
            .codebooks
            .values()
            .filter(|b| b.subset_of.as_ref() == Some(&book.id))
            .map(|b| Link {
                href: href(ui, ItemKind::Codebook, b.id.as_str()),
                label: format!("{} ({})", pick(ui, &b.title), b.selection),
            })
            .collect();
        page.lists.push((
            if en {
                "Value sets drawn from it"
            } else {
                "Värdemängder ur kodverket"
            },
            sets,
        ));
    }
}

/// A variable's page when its value domain has `count` codes, too many to list there: a link
/// to its codebook's page instead of the codes.
pub fn large_domain(
    ui: Ui,
    cat: &Catalog,
    book: &crate::domain::Id,
    count: usize,
    page: &mut ItemPage,
) {
    let title = cat
        .codebooks
        .get(book)
        .map(|b| pick(ui, &b.title))
        .unwrap_or_else(|| book.to_string());
    page.facts.push(fact(
        if ui.english() { "Codes" } else { "Koder" },
        if ui.english() {
            format!("{count} codes in {title}: browse and search them on its page")
        } else {
            format!("{count} koder i {title}: bläddra och sök bland dem på dess sida")
        },
        Some(href(ui, ItemKind::Codebook, book.as_str())),
    ));
}

impl ItemPage {
    /// Whether any binding on the page names a value set (the table then has its column).
    pub fn any_value_set(&self) -> bool {
        self.bindings.iter().any(|b| b.value_set.is_some())
    }
}

/// The value set a binding narrows its variable with, as a link for the bindings table.
pub fn binding_value_set(ui: Ui, cat: &Catalog, b: &crate::domain::Binding) -> Option<Link> {
    let id = b.value_set.as_ref()?;
    let label = match cat.codebooks.get(id) {
        Some(set) if set.selection.is_empty() => pick(ui, &set.title),
        Some(set) => format!("{} ({})", pick(ui, &set.title), set.selection),
        None => id.to_string(),
    };
    Some(Link {
        href: href(ui, ItemKind::Codebook, id.as_str()),
        label,
    })
}

/// The codebook whose codes an item page lists, read from the snapshot (which keeps codes
/// apart): a variable's value domain unless it has more than `TREE_MAX` codes (then only its
/// size, returned second, without unpacking them), a codebook's own codes, or a value set's
/// members taken from its code system. `frozen`: the page shows a frozen version, which holds
/// its own codes.
pub fn page_book(
    cat: &Catalog,
    key: &crate::domain::ItemKey,
    snap: &crate::web::snapshot::Snapshot,
    viewer: crate::web::visibility::Viewer,
    frozen: bool,
) -> Result<(Option<Codebook>, Option<(crate::domain::Id, usize)>), crate::web::WebError> {
    let id = crate::domain::Id::parse(&key.id).ok();
    match key.kind {
        ItemKind::Variable => {
            let Some(cb) = id
                .and_then(|id| cat.variables.get(&id))
                .and_then(|v| v.codebook.clone())
            else {
                return Ok((None, None));
            };
            let count = snap.code_count(&cb);
            if count > TREE_MAX {
                return Ok((None, Some((cb, count))));
            }
            Ok((snap.codebook(viewer, &cb)?, None))
        }
        ItemKind::Codebook if !frozen => {
            let Some(book) = snap.codebook_under(viewer, key)? else {
                return Ok((None, None));
            };
            match &book.subset_of {
                Some(system) => match snap.codebook(viewer, system)? {
                    Some(system) => Ok((Some(value_set_book(&book, &system)), None)),
                    None => Ok((Some(book), None)),
                },
                None => Ok((Some(book), None)),
            }
        }
        _ => Ok((None, None)),
    }
}

/// After the page is built: a large or searched codebook's pager in place of its tree, a
/// variable's large value domain as a link, a codebook's value-set facts.
pub fn finish(
    ui: Ui,
    cat: &Catalog,
    key: &crate::domain::ItemKey,
    path: &str,
    book: Option<&Codebook>,
    large: Option<&(crate::domain::Id, usize)>,
    query: &CodeQuery,
    page: &mut ItemPage,
) {
    if let Some((cb, count)) = large {
        large_domain(ui, cat, cb, *count, page);
    }
    if key.kind != ItemKind::Codebook {
        return;
    }
    let Some(own) = crate::domain::Id::parse(&key.id)
        .ok()
        .and_then(|id| cat.codebooks.get(&id))
    else {
        return;
    };
    codebook_extras(ui, cat, own, page);
    let codes = book
        .filter(|b| b.id == own.id)
        .map_or(&own.codes[..], |b| &b.codes[..]);
    match pager(ui, path, codes, query) {
        Some(p) => {
            let shown: std::collections::HashSet<&str> =
                p.rows.iter().map(|r| r.notation.as_str()).collect();
            page.mappings = super::mappings::section(
                ui,
                cat,
                codes.iter().filter(|c| shown.contains(c.notation.as_str())),
            );
            page.tree.clear();
            page.code_pager = Some(p);
        }
        None => page.mappings = super::mappings::section(ui, cat, codes.iter()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn codes(n: usize) -> Vec<Code> {
        (0..n)
            .map(|i| Code {
                notation: format!("A{i:05}"),
                label: Lang::new(format!("Kod nummer {i}"), format!("Code number {i}")),
                definition: Lang::default(),
                broader: None,
                mappings: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn small_codebooks_keep_their_tree_large_ones_are_paged() {
        let q = CodeQuery::default();
        assert!(pager(Ui::SV, "/kodverk/x", &codes(TREE_MAX), &q).is_none());
        let all = codes(40_000);
        let p = pager(Ui::SV, "/kodverk/x", &all, &q).unwrap();
        assert_eq!(
            (p.total, p.matched, p.page, p.pages),
            (40_000, 40_000, 1, 200)
        );
        assert_eq!(p.rows.len(), PAGE_SIZE);
        assert_eq!(p.next.as_deref(), Some("/kodverk/x?sida=2"));
        assert!(p.previous.is_none());
        let last = pager(Ui::SV, "/kodverk/x", &all, &CodeQuery::parse("sida=999")).unwrap();
        assert_eq!(last.page, 200);
        assert_eq!(last.rows.last().unwrap().notation, "A39999");
    }

    #[test]
    fn searching_matches_notations_by_prefix_and_labels_anywhere() {
        let all = codes(40_000);
        let q = CodeQuery::parse("q=A3999&sida=1");
        let p = pager(Ui::SV, "/kodverk/x", &all, &q).unwrap();
        assert_eq!(p.matched, 10);
        let q = CodeQuery::parse("q=NUMMER+12345");
        let p = pager(Ui::SV, "/kodverk/x", &all, &q).unwrap();
        assert_eq!(p.matched, 1);
        assert_eq!(p.rows[0].notation, "A12345");
        // Even a small codebook is listed flat when searched.
        let p = pager(
            Ui::EN,
            "/kodverk/x",
            &all[..3],
            &CodeQuery::parse("q=%3Cscript%3E"),
        )
        .unwrap();
        assert_eq!(p.matched, 0);
        assert_eq!(p.q, "<script>");
        assert_eq!(
            CodeQuery::parse("q=a%26b&sida=2").cache_path("/kodverk/x"),
            "/kodverk/x?q=a%26b&sida=2"
        );
    }
}
