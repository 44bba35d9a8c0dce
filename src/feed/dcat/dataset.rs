//! One `dcat:Dataset` per data collection: its texts, access, frequency, contact point, the
//! use cases it serves, and its variable-list distribution with rights statement.

use std::collections::BTreeSet;

use crate::domain::{AccessRights, Collection, Id, Lang};
use crate::store::terms::{access_iri, frequency_iri};
use crate::store::vocab::{dcat, dct, eu, rdfs, vcard, xsd};
use crate::store::{GraphBuilder, organisation_iri};

use super::super::iris::{distribution_iri, rights_iri, service_iri, variables_csv_iri};
use super::super::vocab::Vocab;
use super::super::{FeedInput, Profile};

/// Use cases that bind a variable this collection carries.
pub(super) fn use_cases_served(input: &FeedInput<'_>, collection: &Id) -> BTreeSet<Id> {
    input
        .facts
        .collection(collection)
        .map(|f| f.served.clone())
        .unwrap_or_default()
}

pub(super) fn dataset(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    c: &Collection,
    served: &BTreeSet<Id>,
    profile: Profile,
) {
    let iris = input.iris;
    let s = iris.collection(&c.id);
    g.a(&s, dcat::DATASET);
    g.text(&s, dct::IDENTIFIER, s.as_str());
    g.lang(&s, dct::TITLE, &c.title);
    g.lang(&s, dct::DESCRIPTION, &c.description);
    g.node(&s, dct::PUBLISHER, &organisation_iri(&c.publisher));
    g.iri(&s, dcat::THEME, eu::THEME_HEALTH);
    vocab.theme(eu::THEME_HEALTH);
    let access = access_iri(c.access);
    g.iri(&s, dct::ACCESS_RIGHTS, &access);
    vocab.access(c.access);
    if let Some(f) = c.frequency {
        let fi = frequency_iri(f);
        g.iri(&s, dct::ACCRUAL_PERIODICITY, &fi);
        vocab.frequency(&fi, f);
    }
    if !c.landing_page.is_empty() {
        g.iri(&s, dcat::LANDING_PAGE, &c.landing_page);
        vocab.document(&c.landing_page);
    }
    g.iri(&s, dct::LANGUAGE, eu::LANGUAGE_SV);
    for u in served {
        g.node(&s, dct::CONFORMS_TO, &iris.use_case(u));
    }
    if let Some(m) = input.modified.get(s.as_str()) {
        g.typed(&s, dct::MODIFIED, m, xsd::DATE_TIME);
    }
    crate::store::coverage::write_dcat(g, iris, &s, &c.id, &c.meta);
    g.text(&s, dcat::VERSION, &c.meta.version);
    for p in &c.meta.spatial {
        vocab.place(p);
    }
    let contact = iris.contact(&c.id);
    g.node(&s, dcat::CONTACT_POINT, &contact);
    g.a(&contact, vcard::ORGANIZATION);
    g.a(&contact, vcard::KIND);
    g.lang(&contact, vcard::FN, &input.catalog.contact_name(c));
    g.iri(
        &contact,
        vcard::HAS_EMAIL,
        &format!("mailto:{}", c.contact_email),
    );

    let d = distribution_iri(iris, &c.id);
    g.node(&s, dcat::DISTRIBUTION_PROP, &d);
    g.a(&d, dcat::DISTRIBUTION);
    g.lang(
        &d,
        dct::TITLE,
        &Lang::new(
            format!("Variabellista: {}", c.title.sv),
            if c.title.en.is_empty() {
                String::new()
            } else {
                format!("Variable list: {}", c.title.en)
            },
        ),
    );
    g.lang(
        &d,
        dct::DESCRIPTION,
        &Lang::new(
            "Variablerna i datainsamlingen med definitioner, datatyper och värdemängder (CSV i varcats kalkylbladsformat).",
            "The collection's variables with definitions, data types and value domains (CSV in varcat's spreadsheet format).",
        ),
    );
    g.node(&d, dcat::ACCESS_URL, &s);
    g.node(&d, dcat::DOWNLOAD_URL, &variables_csv_iri(iris, &c.id));
    g.node(&d, dcat::ACCESS_SERVICE, &service_iri(iris));
    if profile == Profile::DcatApSe {
        // DCAT-AP-SE 3.0.1 wants the IANA media type as a literal (bundle: ONLY_LITERAL).
        g.text(&d, dct::FORMAT, "text/csv");
    } else {
        g.iri(&d, dct::FORMAT, eu::FILE_TYPE_CSV);
        vocab.file_type(eu::FILE_TYPE_CSV, "CSV");
    }
    g.iri(&d, dcat::MEDIA_TYPE, eu::MEDIA_TYPE_CSV);
    vocab.media_type(eu::MEDIA_TYPE_CSV);
    let size = input.facts.collection(&c.id).map_or(0, |f| f.byte_size);
    g.typed(
        &d,
        dcat::BYTE_SIZE,
        &size.to_string(),
        xsd::NON_NEGATIVE_INTEGER,
    );
    g.iri(&d, dct::LICENSE, eu::CC0);
    vocab.license(eu::CC0);
    if c.access != AccessRights::Public {
        let r = rights_iri(iris, &c.id);
        g.node(&d, dct::RIGHTS, &r);
        g.a(&r, dct::RIGHTS_STATEMENT);
        let owner = input
            .catalog
            .organisations
            .get(&c.publisher)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        g.lang(
            &r,
            rdfs::LABEL,
            &Lang::new(
                format!(
                    "Variabellistan är fri att använda (CC0). Uppgifterna i datainsamlingen är skyddade och lämnas ut efter ansökan och sekretessprövning hos {}.",
                    owner.best()
                ),
                format!(
                    "The variable list is free to use (CC0). The collection's data are protected and released only after application and secrecy review by {}.",
                    if owner.en.is_empty() { owner.best() } else { &owner.en }
                ),
            ),
        );
    }
}
