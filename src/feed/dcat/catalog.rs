//! The catalogue node (or one part of a paged catalogue): titles, publisher, licence, theme
//! taxonomy, languages and home page.

use oxigraph::model::NamedNode;

use crate::domain::Lang;
use crate::store::vocab::{dcat, dct, eu, foaf, xsd};
use crate::store::{GraphBuilder, organisation_iri};

use super::super::FeedInput;
use super::super::vocab::Vocab;

const CATALOG_TITLE: (&str, &str) = (
    "Nationell katalog över hälsodatavariabler",
    "National catalogue of health-data variables",
);
/// What the catalogue is, and no more: it documents variables as the collections and the
/// sources define them; none has been through SKR's harmonisation method (final report 2025,
/// table 5), so the description must not say they are harmonised.
const CATALOG_DESCRIPTION: (&str, &str) = (
    "Katalog som dokumenterar variabler, kodverk, datainsamlingar och användningsfall för \
     regionernas hälsodata, så som datainsamlingarna och de angivna källorna beskriver dem, med \
     SKR:s prioriterade användningsfall (slutrapport juni 2025) som utgångspunkt. Variablerna har \
     inte genomgått SKR:s föreslagna metod för nationell harmonisering; definitioner som skrivits \
     för katalogen är märkta som illustrativa.",
    "A catalogue documenting variables, codebooks, data collections and use cases for the Swedish \
     regions' health data, as the data collections and the cited sources describe them, starting \
     from SKR's prioritised use cases (final report, June 2025). The variables have not been \
     through SKR's proposed method for national harmonisation; definitions written for the \
     catalogue are marked as illustrative.",
);

pub(super) fn catalog_node(
    g: &mut GraphBuilder,
    vocab: &mut Vocab,
    input: &FeedInput<'_>,
    s: &NamedNode,
    part: Option<usize>,
) {
    let iris = input.iris;
    g.a(s, dcat::CATALOG);
    match part {
        None => {
            g.lang(s, dct::TITLE, &Lang::new(CATALOG_TITLE.0, CATALOG_TITLE.1));
            g.lang(
                s,
                dct::DESCRIPTION,
                &Lang::new(CATALOG_DESCRIPTION.0, CATALOG_DESCRIPTION.1),
            );
        }
        Some(n) => {
            g.lang(
                s,
                dct::TITLE,
                &Lang::new(
                    format!("{} – del {n}", CATALOG_TITLE.0),
                    format!("{} – part {n}", CATALOG_TITLE.1),
                ),
            );
            g.lang(
                s,
                dct::DESCRIPTION,
                &Lang::new(
                    format!("Delkatalog {n} av {}.", CATALOG_TITLE.0.to_lowercase()),
                    format!(
                        "Sub-catalogue {n} of the {}.",
                        CATALOG_TITLE.1.to_lowercase()
                    ),
                ),
            );
        }
    }
    g.node(
        s,
        dct::PUBLISHER,
        &organisation_iri(&input.settings.publisher),
    );
    g.iri(s, dct::LICENSE, eu::CC0);
    vocab.license(eu::CC0);
    g.iri(s, dcat::THEME_TAXONOMY, eu::DATA_THEME);
    vocab.theme_taxonomy = true;
    for l in [eu::LANGUAGE_SV, eu::LANGUAGE_EN] {
        g.iri(s, dct::LANGUAGE, l);
        vocab.language(l);
    }
    let home = format!("{}/", iris.base());
    g.iri(s, foaf::HOMEPAGE, &home);
    vocab.document(&home);
    if let Some(m) = &input.facts.newest {
        g.typed(s, dct::MODIFIED, m, xsd::DATE_TIME);
    }
}
