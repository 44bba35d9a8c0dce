//! Hydra paging for the harvesters that follow page links (CKAN's DCAT harvester,
//! ckanext-dcat, and piveau read `hydra:PartialCollectionView` with `hydra:next`), beside the
//! `dct:hasPart` sub-catalogues that dataportal.se reads. Both split the datasets the same
//! way, `--max-datasets` to a page: page n of a feed lists on the top catalogue the datasets
//! of sub-catalogue n.
//!
//! A catalogue that fits one page has no paging. Above that, the feed without `?page=` is the
//! split top catalogue (no datasets, its sub-catalogues) and carries a view whose `first` and
//! `next` are page 1, so a harvester that follows `next` from the feed's address reads every
//! page; each page names `first`, `last` and its `previous` and `next`.

use oxigraph::model::NamedNode;

use crate::store::GraphBuilder;
use crate::store::vocab::{hydra, xsd};

/// Where the pages of one feed live: its address and the filter every page link repeats.
#[derive(Debug, Clone)]
pub struct PageLinks {
    /// The feed's absolute URL without query (`https://…/datasets/dcat`).
    pub feed_url: String,
    /// The request's `modified_since`, normalised, kept on every page link.
    pub modified_since: Option<String>,
}

impl PageLinks {
    /// The URL of page `n` (or of the unpaged feed for `None`).
    pub fn url(&self, page: Option<usize>) -> String {
        let mut params = Vec::new();
        if let Some(since) = &self.modified_since {
            params.push(format!("modified_since={}", encode(since)));
        }
        if let Some(n) = page {
            params.push(format!("page={n}"));
        }
        if params.is_empty() {
            self.feed_url.clone()
        } else {
            format!("{}?{}", self.feed_url, params.join("&"))
        }
    }
}

/// Percent-encodes what a query value may not carry as is (`+` would read as a space).
fn encode(v: &str) -> String {
    v.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | ':' => c.to_string(),
            other => {
                let mut buf = [0u8; 4];
                other
                    .encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}

/// Adds the view of this document (`page`, or the unpaged feed) of a feed with `pages`
/// pages holding `total` datasets to `catalog`.
pub(super) fn add_view(
    g: &mut GraphBuilder,
    links: &PageLinks,
    catalog: &NamedNode,
    page: Option<usize>,
    pages: usize,
    total: usize,
) {
    let view = NamedNode::new_unchecked(links.url(page));
    let link = |n: usize| NamedNode::new_unchecked(links.url(Some(n)));
    g.a(catalog, hydra::COLLECTION);
    g.node(catalog, hydra::VIEW, &view);
    g.typed(
        catalog,
        hydra::TOTAL_ITEMS,
        &total.to_string(),
        xsd::NON_NEGATIVE_INTEGER,
    );
    g.a(&view, hydra::PARTIAL_COLLECTION_VIEW);
    g.node(&view, hydra::FIRST, &link(1));
    g.node(&view, hydra::LAST, &link(pages.max(1)));
    let n = page.unwrap_or(0);
    if n + 1 <= pages {
        g.node(&view, hydra::NEXT, &link(n + 1));
    }
    if n > 1 {
        g.node(&view, hydra::PREVIOUS, &link(n - 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filter_and_encode_it() {
        let links = PageLinks {
            feed_url: "https://x.se/datasets/dcat".into(),
            modified_since: Some("2026-01-01T00:00:00+01:00".into()),
        };
        assert_eq!(
            links.url(Some(2)),
            "https://x.se/datasets/dcat?modified_since=2026-01-01T00:00:00%2B01:00&page=2"
        );
        let plain = PageLinks {
            feed_url: "https://x.se/healthdcat.ttl".into(),
            modified_since: None,
        };
        assert_eq!(plain.url(None), "https://x.se/healthdcat.ttl");
        assert_eq!(plain.url(Some(1)), "https://x.se/healthdcat.ttl?page=1");
    }
}
