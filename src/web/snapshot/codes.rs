//! The codes the snapshot keeps apart: each codebook's codes packed (lz4 over JSON), and
//! unpacked when a page, a download or a feed needs them.

use std::borrow::Cow;

use anyhow::Context;

use crate::domain::{Catalog, Code, Codebook, Id, ItemKey, ItemKind};

use super::super::WebError;
use super::super::visibility::Viewer;
use super::Snapshot;

/// A codebook's codes as the snapshot keeps them: lz4 over JSON.
pub(super) fn pack(codes: &[Code]) -> Result<Vec<u8>, WebError> {
    let json = serde_json::to_vec(codes)?;
    Ok(lz4_flex::compress_prepend_size(&json))
}

impl Snapshot {
    /// Codebook `id` with all its codes, if `viewer` may see it.
    pub fn codebook(&self, viewer: Viewer, id: &Id) -> Result<Option<Codebook>, WebError> {
        let seen = self.catalog(viewer);
        let Some(book) = seen.codebooks.get(id) else {
            return Ok(None);
        };
        let mut book = Codebook {
            codes: self.codes_of(id)?,
            ..book.clone()
        };
        // Its codes' mappings name only codebooks the viewer may see.
        super::super::visibility::hide_mappings(&mut book, |m| !seen.codebooks.contains_key(m));
        Ok(Some(book))
    }

    /// How many codes codebook `id` has, without unpacking them.
    pub fn code_count(&self, id: &Id) -> usize {
        self.codes.get(id).map_or(0, |(n, _)| *n)
    }

    /// The codes of codebook `id`, unpacked.
    pub(super) fn codes_of(&self, id: &Id) -> Result<Vec<Code>, WebError> {
        match self.codes.get(id) {
            None => Ok(Vec::new()),
            Some((_, packed)) => {
                let json = lz4_flex::decompress_size_prepended(packed)
                    .with_context(|| format!("codes of {id}"))?;
                serde_json::from_slice(&json)
                    .with_context(|| format!("codes of {id}"))
                    .map_err(WebError::internal)
            }
        }
    }

    /// The whole catalogue with every codebook's codes: what an import merges onto.
    pub fn catalog_with_codes(&self) -> Result<Catalog, WebError> {
        let mut cat = self.all.clone();
        let mut filled = Vec::new();
        for (id, book) in cat.codebooks.iter() {
            let mut book = book.clone();
            book.codes = self.codes_of(id)?;
            filled.push((id.clone(), book));
        }
        cat.codebooks.extend(filled);
        Ok(cat)
    }

    /// The whole catalogue with all the codes of `key` when it is a codebook: what a write
    /// about that one item (by an editor) or a comparison with it works from (other codebooks
    /// stay without codes, on both sides of any comparison).
    pub fn catalog_for(&self, viewer: Viewer, key: &ItemKey) -> Result<Cow<'_, Catalog>, WebError> {
        let Some(book) = self.codebook_under(viewer, key)? else {
            return Ok(Cow::Borrowed(self.catalog(viewer)));
        };
        let mut cat = self.catalog(viewer).clone();
        // A value set's graph holds its members: its code system comes with its codes too.
        if let Some(system) = &book.subset_of
            && let Some(with_codes) = self.codebook(viewer, system)?
        {
            cat.codebooks.insert(system.clone(), with_codes);
        }
        cat.codebooks.insert(book.id.clone(), book);
        Ok(Cow::Owned(cat))
    }

    /// A catalogue to answer about `key` alone: for a codebook, just that codebook with its
    /// codes (cheap, unlike [`Snapshot::catalog_for`], which copies the whole catalogue for a
    /// write that checks references).
    pub fn item_catalog(
        &self,
        viewer: Viewer,
        key: &ItemKey,
    ) -> Result<Cow<'_, Catalog>, WebError> {
        if key.kind != ItemKind::Codebook {
            return Ok(Cow::Borrowed(self.catalog(viewer)));
        }
        let mut cat = Catalog::default();
        if let Some(book) = self.codebook_under(viewer, key)? {
            cat.codebooks.insert(book.id.clone(), book);
        }
        Ok(Cow::Owned(cat))
    }

    /// The codebook with its codes when `key` names one `viewer` may see.
    pub fn codebook_under(
        &self,
        viewer: Viewer,
        key: &ItemKey,
    ) -> Result<Option<Codebook>, WebError> {
        match Id::parse(&key.id) {
            Ok(id) if key.kind == ItemKind::Codebook => self.codebook(viewer, &id),
            _ => Ok(None),
        }
    }

    /// Every codebook `viewer` sees, with its codes (and nothing else).
    pub fn codebooks_with_codes(&self, viewer: Viewer) -> Result<Catalog, WebError> {
        let mut cat = Catalog::default();
        for id in self.catalog(viewer).codebooks.keys() {
            if let Some(book) = self.codebook(viewer, id)? {
                cat.codebooks.insert(id.clone(), book);
            }
        }
        Ok(cat)
    }
}
