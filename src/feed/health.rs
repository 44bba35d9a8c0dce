//! HealthDCAT-AP additions to the DCAT graph: the EHDS as applicable legislation on catalogue,
//! datasets and distributions; structured-data flags; each dataset's variables as a CSVW table
//! group whose columns point (`csvw:propertyUrl`) at the variable IRIs; and the code systems
//! its variables use.
//!
//! Each dataset's EHDS health categories and, when the content names one, its health data
//! access body (`healthdcatap:hdab`, an organisation with a contact point; Sweden has not
//! designated one yet, so catalog-data names none); its population coverage, personal data,
//! legal basis, purpose, retention period and counts of records and individuals where the
//! content gives them (`store::coverage`; catalog-data gives no counts, having no source).

use oxigraph::model::{Literal, NamedNode};

use crate::domain::{Collection, Lang};
use crate::store::terms::{datatype_iri, health_category_iri};
use crate::store::vocab::{csvw, cv, dcatap, dct, dpv, eli, healthdcatap, skos, xsd};
use crate::store::{GraphBuilder, Iris};

use super::FeedInput;
use super::iris::{distribution_iri, variables_csv_iri};
use super::vocab::Vocab;

/// A collection's title in an English text: its English title, or its Swedish one marked as
/// such when it has none (an English literal must not pass a Swedish name off as English).
fn english_title(c: &Collection) -> String {
    if c.title.en.is_empty() {
        format!("{} (Swedish title; no English title given)", c.title.sv)
    } else {
        c.title.en.clone()
    }
}

fn under(iris: &Iris, c: &crate::domain::Id, rest: &str) -> NamedNode {
    super::iris::under_collection(iris, c, rest)
}

pub(super) fn add(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    catalog: &NamedNode,
    datasets: &[&Collection],
    described: &std::collections::BTreeMap<crate::domain::Id, &crate::domain::Codebook>,
) {
    let iris = input.iris;
    // Each coding system described once in the document, however many datasets use it; the
    // schemes the DCAT part described (`described`) are not typed and titled again.
    let mut systems_described = std::collections::BTreeSet::new();
    // HealthDCAT-AP wants each publisher reachable through a CPSV contact point.
    // The same for health data access bodies (described as agents by the DCAT part).
    let mut publishers: std::collections::BTreeSet<_> = datasets
        .iter()
        .flat_map(|c| std::iter::once(c.publisher.clone()).chain(c.hdab.clone()))
        .collect();
    publishers.insert(input.settings.publisher.clone());
    for o in publishers {
        let Some(org) = input.catalog.organisations.get(&o) else {
            continue;
        };
        let agent = crate::store::organisation_iri(&o);
        let cp = NamedNode::new_unchecked(format!(
            "{}/organisation/SE{}/kontakt",
            iris.base(),
            o.digits()
        ));
        g.node(&agent, cv::CONTACT_POINT, &cp);
        g.a(&cp, cv::CONTACT_POINT_CLASS);
        let email = if org.email.is_empty() {
            datasets
                .iter()
                .find(|c| c.publisher == o)
                .map(|c| c.contact_email.as_str())
                .unwrap_or("")
        } else {
            org.email.as_str()
        };
        g.text(&cp, cv::EMAIL, email);
        if !org.homepage.is_empty() {
            g.iri(&cp, cv::CONTACT_PAGE, &org.homepage);
        }
    }
    g.iri(catalog, dcatap::APPLICABLE_LEGISLATION, eli::EHDS);
    vocab.legal(eli::EHDS);
    for c in datasets {
        let s = iris.collection(&c.id);
        g.iri(&s, dcatap::APPLICABLE_LEGISLATION, eli::EHDS);
        for h in &c.health_categories {
            g.iri(&s, healthdcatap::HEALTH_CATEGORY, &health_category_iri(*h));
            vocab.health_category(*h);
        }
        if let Some(hdab) = &c.hdab {
            g.node(
                &s,
                healthdcatap::HDAB,
                &crate::store::organisation_iri(hdab),
            );
        }
        crate::store::coverage::write_health(g, iris, &s, &c.id, &c.meta);
        for p in &c.meta.personal_data {
            vocab.ty(&p.iri(), dpv::PERSONAL_DATA);
        }
        g.iri(
            &distribution_iri(iris, &c.id),
            dcatap::APPLICABLE_LEGISLATION,
            eli::EHDS,
        );
        let vars: Vec<_> = input
            .facts
            .collection(&c.id)
            .map(|f| f.variables.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|id| input.catalog.variables.get(id))
            .collect();
        g.typed(
            &s,
            healthdcatap::HAS_STRUCTURED_DATA,
            if vars.is_empty() { "false" } else { "true" },
            xsd::BOOLEAN,
        );
        if vars.is_empty() {
            continue;
        }
        let group = under(iris, &c.id, "variabler");
        let table = under(iris, &c.id, "variabler/tabell");
        g.node(&s, healthdcatap::HAS_VARIABLES, &group);
        g.a(&group, csvw::TABLE_GROUP);
        g.lang(
            &group,
            dct::TITLE,
            &Lang::new(
                format!("Variabler i {}", c.title.sv),
                format!("Variables in {}", english_title(c)),
            ),
        );
        g.node(&group, csvw::TABLE_PROP, &table);
        g.a(&table, csvw::TABLE);
        g.lang(
            &table,
            dct::TITLE,
            &Lang::new(
                format!("Variabellista: {}", c.title.sv),
                format!("Variable list: {}", english_title(c)),
            ),
        );
        g.node(&table, csvw::URL, &variables_csv_iri(iris, &c.id));
        let mut systems = std::collections::BTreeSet::new();
        for v in vars {
            let col = under(iris, &c.id, &format!("variabler/kolumn/{}", v.id));
            g.node(&table, csvw::COLUMN_PROP, &col);
            g.a(&col, csvw::COLUMN);
            let name = if v.short_name.is_empty() {
                v.id.as_str()
            } else {
                v.short_name.as_str()
            };
            g.text(&col, csvw::NAME, name);
            g.lang(&col, csvw::TITLE, &v.name);
            g.lang(&col, dct::DESCRIPTION, &v.definition);
            let local = v
                .datatype
                .map(datatype_iri)
                .and_then(|i| i.rsplit(['#', '/']).next())
                .unwrap_or("string");
            let local = if local == "Code" { "string" } else { local };
            g.add_literal(&col, csvw::DATATYPE, Literal::new_simple_literal(local));
            g.node(&col, csvw::PROPERTY_URL, &iris.variable(&v.id));
            // Variables judged to hold the same information (`/kandidater`).
            for m in v
                .exact_match
                .iter()
                .filter(|m| input.catalog.variables.contains_key(*m))
            {
                g.node(&iris.variable(&v.id), skos::EXACT_MATCH, &iris.variable(m));
            }
            if let Some(cb) = &v.codebook
                && input
                    .catalog
                    .codebooks
                    .get(cb)
                    .is_some_and(|b| b.status.is_published() && !b.source.is_empty())
            {
                systems.insert(cb.clone());
            }
        }
        for cb in systems {
            let scheme = iris.codebook(&cb);
            g.node(&s, healthdcatap::HAS_CODING_SYSTEM, &scheme);
            if let Some(book) = input.catalog.codebooks.get(&cb)
                && systems_described.insert(cb.clone())
            {
                g.a(&scheme, dct::STANDARD);
                if !described.contains_key(&cb) {
                    g.a(&scheme, skos::CONCEPT_SCHEME);
                    g.lang(&scheme, dct::TITLE, &book.title);
                }
            }
        }
    }
    super::quality::add(g, input, datasets);
}
