//! Item IRIs, built from the configured base IRI (Swedish, readable, stable):
//! `{base}/variabel/{id}`, `{base}/kodverk/{id}`, `{base}/kodverk/{id}/{notation}`,
//! `{base}/anvandningsfall/{id}`, `{base}/datainsamling/{id}`, `{base}/problemomrade/{id}`;
//! organisations use `http://dataportal.se/organisation/SE<orgnr>`.

use oxigraph::model::NamedNode;

use crate::domain::{Id, ItemKey, ItemKind, OrgNr};

use super::vocab::DATAPORTAL_ORGANISATION;

#[derive(Debug, thiserror::Error)]
#[error("base IRI {0:?} is not an absolute http(s) IRI without query or fragment")]
pub struct BaseIriError(String);

/// Builds and recognises item IRIs under one base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    base: String,
}

impl ItemKind {
    /// The path segment under the base IRI.
    pub fn path_segment(self) -> &'static str {
        match self {
            ItemKind::Organisation => "organisation",
            ItemKind::Collection => "datainsamling",
            ItemKind::ProblemArea => "problemomrade",
            ItemKind::Codebook => "kodverk",
            ItemKind::Variable => "variabel",
            ItemKind::UseCase => "anvandningsfall",
        }
    }
}

impl Iris {
    pub fn new(base: &str) -> Result<Self, BaseIriError> {
        let trimmed = base.trim().trim_end_matches('/');
        let ok = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
            && !trimmed.contains(['?', '#', ' '])
            && NamedNode::new(trimmed).is_ok();
        if !ok {
            return Err(BaseIriError(base.to_owned()));
        }
        Ok(Self {
            base: trimmed.to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn under(&self, segment: &str, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{segment}/{id}", self.base))
    }

    pub fn item(&self, key: &ItemKey) -> NamedNode {
        match key.kind {
            ItemKind::Organisation => match OrgNr::parse(&key.id) {
                Ok(o) => organisation(&o),
                Err(_) => self.under("organisation", &encode(&key.id)),
            },
            kind => self.under(kind.path_segment(), &key.id),
        }
    }

    /// The item's IRI under the base; for organisations `{base}/organisation/SE<orgnr>`.
    pub fn under_base(&self, key: &ItemKey) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}", self.base, item_path(key)))
    }

    pub fn variable(&self, id: &Id) -> NamedNode {
        self.under("variabel", id.as_str())
    }
    pub fn codebook(&self, id: &Id) -> NamedNode {
        self.under("kodverk", id.as_str())
    }
    pub fn code(&self, codebook: &Id, notation: &str) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}/kodverk/{codebook}/{}",
            self.base,
            encode(notation)
        ))
    }
    pub fn use_case(&self, id: &Id) -> NamedNode {
        self.under("anvandningsfall", id.as_str())
    }
    pub fn step(&self, use_case: &Id, n: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/anvandningsfall/{use_case}/steg/{n}", self.base))
    }
    pub fn binding(&self, use_case: &Id, variable: &Id) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}/anvandningsfall/{use_case}/variabel/{variable}",
            self.base
        ))
    }
    pub fn collection(&self, id: &Id) -> NamedNode {
        self.under("datainsamling", id.as_str())
    }
    pub fn contact(&self, collection: &Id) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/datainsamling/{collection}/kontakt", self.base))
    }
    fn in_collection(&self, collection: &Id, rest: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/datainsamling/{collection}/{rest}", self.base))
    }
    /// The period a collection's data cover (`dct:temporal`).
    pub fn temporal(&self, collection: &Id) -> NamedNode {
        self.in_collection(collection, "tidsperiod")
    }
    /// The legal basis of a collection's processing (`dpv:hasLegalBasis`).
    pub fn legal_basis(&self, collection: &Id) -> NamedNode {
        self.in_collection(collection, "rattslig-grund")
    }
    /// What a collection's data are collected for (`dpv:hasPurpose`).
    pub fn purpose(&self, collection: &Id) -> NamedNode {
        self.in_collection(collection, "andamal")
    }
    /// How long a collection's data are kept (`healthdcatap:retentionPeriod`).
    pub fn retention(&self, collection: &Id) -> NamedNode {
        self.in_collection(collection, "bevarandetid")
    }
    pub fn problem_area(&self, id: &Id) -> NamedNode {
        self.under("problemomrade", id.as_str())
    }
    /// An improvement proposal, `{base}/forslag/{n}` (kept in the database, not the store).
    pub fn proposal(&self, n: i64) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/forslag/{n}", self.base))
    }
    pub fn problem_area_scheme(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/problemomrade", self.base))
    }

    /// The harmonisation method of SKR's final report (Table 5) as a concept scheme.
    pub fn method_scheme(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/metod", self.base))
    }
    /// One step (A–E) of the method.
    pub fn method_step(&self, step: crate::domain::MethodStep) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/metod/{}", self.base, step.letter()))
    }
    /// The `n`th (from 1) dated step in an item's harmonisation history.
    pub fn history_entry(&self, item: &NamedNode, n: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/harmonisering/{n}", item.as_str()))
    }
    /// An item's reference group.
    pub fn reference_group(&self, item: &NamedNode) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/referensgrupp", item.as_str()))
    }
    /// An organisation's membership in an item's reference group.
    pub fn membership(&self, item: &NamedNode, o: &OrgNr) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/referensgrupp/{}", item.as_str(), o.as_str()))
    }

    /// An item's registration at the authority `o` (`{item}/registrering/{orgnr}`).
    pub fn registration(&self, item: &NamedNode, o: &OrgNr) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{REGISTRATION}/{}", item.as_str(), o.as_str()))
    }
    /// Whether `iri` names a registration inside an item (so its `adms:status` is the status
    /// at another authority, not the item's own).
    pub fn is_registration(iri: &str) -> bool {
        iri.rsplit_once('/')
            .and_then(|(rest, o)| OrgNr::parse(o).ok().map(|_| rest))
            .is_some_and(|rest| rest.ends_with(&format!("/{REGISTRATION}")))
    }

    /// The item an IRI names: the item itself or a resource inside it (a code, a step, a
    /// binding). Returns `None` for IRIs that are not varcat items.
    pub fn item_of(&self, iri: &str) -> Option<ItemKey> {
        if let Some(rest) = iri.strip_prefix(DATAPORTAL_ORGANISATION) {
            return OrgNr::parse(rest).ok().map(|o| ItemKey {
                kind: ItemKind::Organisation,
                id: o.to_string(),
            });
        }
        let rest = iri.strip_prefix(&self.base)?.strip_prefix('/')?;
        let mut parts = rest.split('/');
        let segment = parts.next()?;
        let id = parts.next()?;
        Self::item_at(segment, id)
    }

    /// The item at the path `/{segment}/{id}` under the base (a route's two parts, e.g.
    /// `variabel`, `remissdatum`), as [`item_of`](Self::item_of) reads it from its IRI.
    pub fn item_at(segment: &str, id: &str) -> Option<ItemKey> {
        let kind = ItemKind::ALL
            .into_iter()
            .find(|k| k.path_segment() == segment)?;
        if kind == ItemKind::Organisation {
            let o = OrgNr::parse(id.trim_start_matches("SE")).ok()?;
            return Some(ItemKey {
                kind,
                id: o.to_string(),
            });
        }
        Id::parse(id).ok().map(|id| ItemKey {
            kind,
            id: id.to_string(),
        })
    }

    /// The codebook and notation a code IRI names (`{base}/kodverk/{id}/{notation}`, the
    /// notation percent-encoded as [`Iris::code`] writes it).
    pub fn code_of(&self, iri: &str) -> Option<(Id, String)> {
        let rest = iri.strip_prefix(&self.base)?.strip_prefix("/kodverk/")?;
        let (id, notation) = rest.split_once('/')?;
        if notation.contains('/') {
            return None;
        }
        Some((Id::parse(id).ok()?, decode(notation)?))
    }

    /// The statement that carries a mapping's note (`rdf:Statement`, reifying the mapping
    /// triple of the code `code`): `{code}/mappning/{relation}/{system}/{notation}`.
    pub fn mapping(&self, code: &NamedNode, m: &crate::domain::Mapping) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}/mappning/{}/{}/{}",
            code.as_str(),
            m.relation.as_str(),
            m.system,
            encode(&m.code)
        ))
    }

    /// The codebook identifier in a codebook IRI (`{base}/kodverk/{id}`).
    pub fn codebook_id(&self, iri: &str) -> Option<Id> {
        let id = iri.strip_prefix(&self.base)?.strip_prefix("/kodverk/")?;
        Id::parse(id).ok()
    }

    /// The identifier at the end of `{base}/{segment}/{id}`.
    pub fn id_in(&self, kind: ItemKind, iri: &str) -> Option<Id> {
        let rest = iri.strip_prefix(&self.base)?.strip_prefix('/')?;
        let id = rest.strip_prefix(kind.path_segment())?.strip_prefix('/')?;
        Id::parse(id).ok()
    }
}

/// The path segment of an item's registrations at other authorities.
const REGISTRATION: &str = "registrering";

/// The name of an item's variable-list download (a use case's, a data collection's), before
/// its extension.
pub const VARIABLES_FILE: &str = "variabler";

/// The path on this site of an item's variable-list download:
/// `/{segment}/{id}/variabler.{ext}` (`ext` `csv` or `xlsx`).
pub fn variables_path(kind: ItemKind, id: &str, ext: &str) -> String {
    format!("/{}/{id}/{VARIABLES_FILE}.{ext}", kind.path_segment())
}

/// The path on this site of an item's page and document, `/{segment}/{id}`; for an
/// organisation `/organisation/SE<orgnr>` (its IRI is dataportal.se's).
pub fn item_path(key: &ItemKey) -> String {
    let id = match (key.kind, OrgNr::parse(&key.id)) {
        (ItemKind::Organisation, Ok(o)) => format!("SE{}", o.digits()),
        (ItemKind::Organisation, Err(_)) => encode(&key.id),
        _ => key.id.clone(),
    };
    format!("/{}/{id}", key.kind.path_segment())
}

/// The dataportal.se IRI of an organisation.
pub fn organisation(o: &OrgNr) -> NamedNode {
    NamedNode::new_unchecked(format!("{DATAPORTAL_ORGANISATION}{}", o.digits()))
}

pub fn orgnr_of(iri: &str) -> Option<OrgNr> {
    OrgNr::parse(iri.strip_prefix(DATAPORTAL_ORGANISATION)?).ok()
}

/// Percent-encodes everything but unreserved characters, so any code notation fits in a path.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes [`encode`]; `None` for a bad escape or bytes that are not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_iri_names_its_codebook_and_notation() {
        let iris = Iris::new("https://x.se").expect("base");
        let cb = Id::parse("icd-10-se").expect("id");
        for n in ["S72.0", "NFJ 49/ä", "100%"] {
            let iri = iris.code(&cb, n);
            assert_eq!(iris.code_of(iri.as_str()), Some((cb.clone(), n.to_owned())));
        }
        assert_eq!(iris.code_of("https://x.se/kodverk/icd-10-se"), None);
        assert_eq!(iris.code_of("https://x.se/kodverk/a/b/mappning/c"), None);
    }

    #[test]
    fn variable_list_downloads_sit_under_their_item() {
        assert_eq!(
            variables_path(ItemKind::Collection, "npr", "csv"),
            "/datainsamling/npr/variabler.csv"
        );
        assert_eq!(
            variables_path(ItemKind::UseCase, "uppfoljning", "xlsx"),
            "/anvandningsfall/uppfoljning/variabler.xlsx"
        );
    }

    #[test]
    fn item_iris_follow_the_scheme_and_parse_back() {
        let iris = Iris::new("https://varcat.example.se/").expect("valid base");
        let id = Id::parse("indatum").expect("valid");
        assert_eq!(
            iris.variable(&id).as_str(),
            "https://varcat.example.se/variabel/indatum"
        );
        let key = iris
            .item_of("https://varcat.example.se/kodverk/kon/1")
            .expect("a code");
        assert_eq!(
            key,
            ItemKey {
                kind: ItemKind::Codebook,
                id: "kon".into()
            }
        );
        let org = OrgNr::parse("232100-0016").expect("valid");
        assert_eq!(
            organisation(&org).as_str(),
            "http://dataportal.se/organisation/SE2321000016"
        );
        assert_eq!(
            iris.item_of(organisation(&org).as_str()).map(|k| k.id),
            Some("232100-0016".into())
        );
        assert!(
            iris.item_of("https://elsewhere.example/variabel/x")
                .is_none()
        );
    }

    #[test]
    fn notations_are_percent_encoded() {
        let iris = Iris::new("http://h").expect("valid base");
        let cb = Id::parse("kva").expect("valid");
        assert_eq!(
            iris.code(&cb, "NFJ 49/ä").as_str(),
            "http://h/kodverk/kva/NFJ%2049%2F%C3%A4"
        );
    }

    #[test]
    fn base_must_be_http() {
        assert!(Iris::new("ftp://x").is_err());
        assert!(Iris::new("http://x/?q").is_err());
    }
}
