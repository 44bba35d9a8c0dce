//! Who sees what: the one rule every route applies. A draft (status *utkast*) is seen by
//! signed-in editors only; to everyone else it does not exist — not its page, RDF, API entry,
//! downloads, history or frozen versions, nor its name in another item's lists, in search,
//! facets, counts, the matrix, release notes or the feeds. Everything else is public.
//!
//! Handlers ask [`Viewer::of`] who is asking and then read the catalogue through the
//! snapshot as that viewer sees it (`Snapshot::catalog(viewer)`, built once per snapshot by
//! [`public_catalog`]); RDF read from the store goes through [`visible_quads`], audit entries
//! through [`shows_state`]. Kept answers are keyed by viewer ([`Viewer::key`]), so a page
//! rendered for an editor is never served to anyone else, nor the reverse.

use std::collections::BTreeSet;

use actix_web::HttpRequest;
use oxigraph::model::{NamedOrBlankNode, Quad, Term};

use crate::domain::{Catalog, Id, ItemKey, ItemKind, ItemMapExt, Status};
use crate::store::Iris;

use super::State;

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Viewer {
    /// Anyone without a valid editor's sign-in: sees what is public.
    Anonymous,
    /// A signed-in editor or registrar (cookie or bearer token): sees drafts too.
    Editor,
}

impl Viewer {
    /// The viewer behind a request. A request without a token or cookie is anonymous at once,
    /// without touching the database; with one, the worker never waits on the database
    /// (`session`).
    pub async fn of(req: &HttpRequest, state: &State) -> Viewer {
        if super::session::editor(req, state).await.is_some() {
            Viewer::Editor
        } else {
            Viewer::Anonymous
        }
    }

    /// The rule: whether an item of status `status` (`None`: a kind without status, or an
    /// item no longer in the catalogue) may be shown to this viewer, with all that derives
    /// from it.
    pub fn may_see_status(self, status: Option<Status>) -> bool {
        self == Viewer::Editor || status != Some(Status::Draft)
    }

    /// Whether the item under `key` in `cat` (the whole catalogue) may be shown.
    pub fn may_see(self, cat: &Catalog, key: &ItemKey) -> bool {
        self.may_see_status(cat.status_of(key))
    }

    /// The key under which an answer for this viewer is kept: answers for different viewers
    /// never share a key.
    pub fn key(self, key: &str) -> String {
        match self {
            Viewer::Anonymous => format!("public|{key}"),
            Viewer::Editor => format!("editor|{key}"),
        }
    }
}

/// Removes from `cat` (the whole catalogue) what `viewer` may not see: the hidden items, and
/// every reference to them from the items that stay (a use case's binding of a draft
/// variable, a variable's draft value domain or shared element), so that no list, download or
/// API answer built from `cat` names them.
pub fn restrict(viewer: Viewer, cat: &mut Catalog) {
    if viewer == Viewer::Editor {
        return;
    }
    let hidden: BTreeSet<ItemKey> = cat
        .keys()
        .into_iter()
        .filter(|k| !viewer.may_see(cat, k))
        .collect();
    strip(viewer, cat, |kind, id| {
        hidden.contains(&ItemKey {
            kind,
            id: id.to_string(),
        })
    });
}

/// As [`restrict`], for `part` (a frozen version, say) of the catalogue `all`.
pub fn restrict_part(viewer: Viewer, all: &Catalog, part: &mut Catalog) {
    if viewer == Viewer::Editor {
        return;
    }
    strip(viewer, part, |kind, id| {
        !viewer.may_see(
            all,
            &ItemKey {
                kind,
                id: id.to_string(),
            },
        )
    });
}

fn strip(viewer: Viewer, cat: &mut Catalog, hidden: impl Fn(ItemKind, &Id) -> bool) {
    let shown = |s: Status| viewer.may_see_status(Some(s));
    cat.codebooks.retain(|_, b| shown(b.status));
    cat.variables.retain(|_, v| shown(v.status));
    cat.use_cases.retain(|_, u| shown(u.status));
    // Only the items that name a hidden one are copied; the others stay shared.
    cat.variables.replace_each(|_, v| {
        let codebook = v
            .codebook
            .as_ref()
            .is_some_and(|c| hidden(ItemKind::Codebook, c));
        let based_on = v
            .based_on
            .as_ref()
            .is_some_and(|b| hidden(ItemKind::Variable, b));
        let same = v.exact_match.iter().any(|m| hidden(ItemKind::Variable, m));
        (codebook || based_on || same).then(|| {
            let mut v = v.clone();
            if codebook {
                v.codebook = None;
            }
            if based_on {
                v.based_on = None;
            }
            v.exact_match.retain(|m| !hidden(ItemKind::Variable, m));
            v
        })
    });
    let hidden_set = |b: &crate::domain::Binding| {
        b.value_set
            .as_ref()
            .is_some_and(|s| hidden(ItemKind::Codebook, s))
    };
    cat.use_cases.replace_each(|_, u| {
        u.bindings
            .iter()
            .any(|b| hidden(ItemKind::Variable, &b.variable) || hidden_set(b))
            .then(|| {
                let mut u = u.clone();
                u.bindings
                    .retain(|b| !hidden(ItemKind::Variable, &b.variable));
                for b in &mut u.bindings {
                    if hidden_set(b) {
                        b.value_set = None;
                    }
                }
                u
            })
    });
    // A value set drawn from a hidden code system does not name it, nor a code map to one.
    cat.codebooks.replace_each(|_, b| {
        let subset = b
            .subset_of
            .as_ref()
            .is_some_and(|s| hidden(ItemKind::Codebook, s));
        let maps = b
            .codes
            .iter()
            .flat_map(|c| &c.mappings)
            .any(|m| hidden(ItemKind::Codebook, &m.system));
        (subset || maps).then(|| {
            let mut b = b.clone();
            if subset {
                b.subset_of = None;
            }
            hide_mappings(&mut b, |id| hidden(ItemKind::Codebook, id));
            b
        })
    });
}

/// Leaves out of `book`'s codes their mappings to a codebook `hidden` says is hidden.
pub fn hide_mappings(book: &mut crate::domain::Codebook, hidden: impl Fn(&Id) -> bool) {
    for c in &mut book.codes {
        c.mappings.retain(|m| !hidden(&m.system));
    }
}

/// The catalogue as anonymous visitors see it; `None` when that is all of it (no drafts).
pub fn public_catalog(all: &Catalog) -> Option<Catalog> {
    let shown = |s: Status| Viewer::Anonymous.may_see_status(Some(s));
    // Only a hidden item is left out or unnamed: without one there is nothing to copy.
    let hides = !all.codebooks.values().all(|b| shown(b.status))
        || !all.variables.values().all(|v| shown(v.status))
        || !all.use_cases.values().all(|u| shown(u.status));
    hides.then(|| {
        let mut public = all.clone();
        restrict(Viewer::Anonymous, &mut public);
        public
    })
}

/// The modification times of what `viewer` may see (the feeds' and start page's dates).
pub fn visible_modified(
    seen: &Catalog,
    iris: &Iris,
    modified: &crate::domain::Modified,
) -> crate::domain::Modified {
    modified
        .iter()
        .filter(|(iri, _)| iris.item_of(iri).is_none_or(|k| seen.contains(&k)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// What decides, for one snapshot and viewer, whether an IRI names something hidden.
pub struct Hidden<'a> {
    pub viewer: Viewer,
    /// The whole catalogue.
    pub all: &'a Catalog,
    pub iris: &'a Iris,
    /// Frozen versions whose own status is draft, by version IRI.
    pub draft_versions: &'a BTreeSet<String>,
}

impl Hidden<'_> {
    /// Whether `iri` is a hidden item, a frozen draft version, or inside a hidden item.
    pub fn iri(&self, iri: &str) -> bool {
        if self.viewer == Viewer::Editor {
            return false;
        }
        if self.draft_versions.contains(iri) {
            return true;
        }
        self.iris
            .item_of(iri)
            .is_some_and(|k| !self.viewer.may_see(self.all, &k))
    }

    fn term(&self, t: &Term) -> bool {
        matches!(t, Term::NamedNode(n) if self.iri(n.as_str()))
    }
}

/// The quads of a public item's graph that `hidden.viewer` may see: without statements about
/// a hidden item, and without the resources inside the item (a binding, say) that point at
/// one; the item itself only loses the statements that name it (a draft value domain).
pub fn visible_quads(hidden: &Hidden<'_>, quads: Vec<Quad>) -> Vec<Quad> {
    if hidden.viewer == Viewer::Editor {
        return quads;
    }
    let is_item = |s: &str| {
        hidden
            .iris
            .item_of(s)
            .is_some_and(|k| hidden.iris.item(&k).as_str() == s)
    };
    // Resources inside the item that refer to something hidden go whole; a code mapped to a
    // hidden code loses only that mapping.
    let gone: BTreeSet<String> = quads
        .iter()
        .filter(|q| hidden.term(&q.object))
        .filter(|q| !crate::store::mappings::is_mapping_property(q.predicate.as_str()))
        .filter_map(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(s) if !is_item(s.as_str()) => Some(s.as_str().to_owned()),
            _ => None,
        })
        .collect();
    let subject_gone = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) => hidden.iri(n.as_str()) || gone.contains(n.as_str()),
        NamedOrBlankNode::BlankNode(_) => false,
    };
    let object_gone =
        |o: &Term| hidden.term(o) || matches!(o, Term::NamedNode(n) if gone.contains(n.as_str()));
    quads
        .into_iter()
        .filter(|q| !subject_gone(&q.subject) && !object_gone(&q.object))
        .collect()
}

/// Whether an audit entry's RDF of one state of an item (N-Triples) may be shown: not when
/// the item was a draft in that state.
pub fn shows_state(viewer: Viewer, ntriples: Option<&str>) -> bool {
    if viewer == Viewer::Editor {
        return true;
    }
    let Some(nt) = ntriples else { return true };
    let status = format!("<{}>", crate::store::vocab::adms::STATUS.as_str());
    let draft = format!("<{}>", crate::store::terms::status_iri(Status::Draft));
    // The item's own status only: a registration's at another authority changes nothing.
    !nt.lines().any(|l| {
        l.contains(status.as_str())
            && l.contains(draft.as_str())
            && !l
                .strip_prefix('<')
                .and_then(|r| r.split_once('>'))
                .is_some_and(|(subject, _)| Iris::is_registration(subject))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Binding, Lang, Role, UseCase, Variable};

    fn variable(id: &str, status: Status) -> Variable {
        let mut v = Variable::new(
            Id::parse(id).expect("id"),
            Lang::new(format!("namn {id}"), ""),
            Lang::default(),
        );
        v.status = status;
        v
    }

    fn catalog() -> Catalog {
        let mut cat = Catalog::default();
        for (id, s) in [("offentlig", Status::Standard), ("utkastet", Status::Draft)] {
            let v = variable(id, s);
            cat.variables.insert(v.id.clone(), v);
        }
        let mut shared = variable("harledd", Status::Candidate);
        shared.based_on = Some(Id::parse("utkastet").expect("id"));
        cat.variables.insert(shared.id.clone(), shared);
        let uc = UseCase {
            id: Id::parse("fall").expect("id"),
            short_name: String::new(),
            title: Lang::default(),
            description: Lang::default(),
            problem_areas: Vec::new(),
            problem_areas_source: String::new(),
            harmonisation: Default::default(),
            steps: Vec::new(),
            status: Status::Standard,
            bindings: ["offentlig", "utkastet"]
                .iter()
                .map(|v| Binding {
                    variable: Id::parse(v).expect("id"),
                    role: Role::Required,
                    priority: None,
                    quick_win: false,
                    source: String::new(),
                    value_set: None,
                })
                .collect(),
            registrations: Vec::new(),
        };
        cat.use_cases.insert(uc.id.clone(), uc);
        cat
    }

    fn key(id: &str) -> ItemKey {
        ItemKey {
            kind: ItemKind::Variable,
            id: id.into(),
        }
    }

    #[test]
    fn drafts_are_for_editors_only() {
        let cat = catalog();
        assert!(!Viewer::Anonymous.may_see(&cat, &key("utkastet")));
        assert!(Viewer::Editor.may_see(&cat, &key("utkastet")));
        assert!(Viewer::Anonymous.may_see(&cat, &key("offentlig")));
        // Kinds without status, and items no longer there, are public.
        assert!(Viewer::Anonymous.may_see_status(None));
        for s in [Status::Candidate, Status::Standard, Status::Retired] {
            assert!(Viewer::Anonymous.may_see_status(Some(s)), "{s}");
        }
    }

    #[test]
    fn the_public_catalogue_names_no_draft() {
        let cat = catalog();
        let public = public_catalog(&cat).expect("there are drafts");
        assert!(
            !public
                .variables
                .contains_key(&Id::parse("utkastet").expect("id"))
        );
        let uc = public.use_cases.values().next().expect("use case");
        assert_eq!(uc.bindings.len(), 1, "the draft's binding is gone");
        let harledd = &public.variables[&Id::parse("harledd").expect("id")];
        assert_eq!(harledd.based_on, None, "no reference to the draft");
        let mut without = cat.clone();
        without.variables.retain(|_, v| v.status != Status::Draft);
        without.variables.replace_each(|_, v| {
            Some(crate::domain::Variable {
                based_on: None,
                ..v.clone()
            })
        });
        without.use_cases.replace_each(|_, u| {
            let mut u = u.clone();
            u.bindings.truncate(1);
            Some(u)
        });
        assert_eq!(public_catalog(&without), None, "nothing to hide");
    }

    #[test]
    fn cache_keys_differ_by_viewer() {
        assert_ne!(
            Viewer::Anonymous.key("page|/"),
            Viewer::Editor.key("page|/")
        );
    }

    #[test]
    fn draft_states_in_the_audit_log_are_not_shown() {
        let status = crate::store::vocab::adms::STATUS.as_str();
        let draft = crate::store::terms::status_iri(Status::Draft);
        let nt = format!("<https://x/variabel/a> <{status}> <{draft}> .");
        assert!(!shows_state(Viewer::Anonymous, Some(&nt)));
        assert!(shows_state(Viewer::Editor, Some(&nt)));
        let std = crate::store::terms::status_iri(Status::Standard);
        let nt = format!("<https://x/variabel/a> <{status}> <{std}> .");
        assert!(shows_state(Viewer::Anonymous, Some(&nt)));
        let other =
            format!("{nt}\n<https://x/variabel/a/registrering/202100-0555> <{status}> <{draft}> .");
        assert!(
            shows_state(Viewer::Anonymous, Some(&other)),
            "a draft at another authority is not the item's status"
        );
        assert!(shows_state(Viewer::Anonymous, None));
    }
}
