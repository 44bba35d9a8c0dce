//! The audit log's large N-Triples texts, LZ4-compressed: a first national-scale import
//! records every item it creates, some 230 MB of N-Triples, which compress about tenfold.
//! Writers call [`NewAuditEntry::compacted`]; the reads in `db` expand entries again, so
//! every caller still sees plain `before_nt` / `after_nt` text (`varcat audit --json`, the
//! history pages).

use super::models::{AuditEntry, NewAuditEntry};

/// Texts shorter than this stay plain: compressing them would save little.
const COMPRESS_FROM: usize = 1024;

fn pack(text: &mut Option<String>) -> Option<Vec<u8>> {
    if text.as_ref().is_none_or(|t| t.len() < COMPRESS_FROM) {
        return None;
    }
    text.take()
        .map(|t| lz4_flex::block::compress_prepend_size(t.as_bytes()))
}

fn unpack(text: &mut Option<String>, packed: &mut Option<Vec<u8>>, id: i64) {
    let Some(bytes) = packed.take() else { return };
    if text.is_some() {
        return;
    }
    match lz4_flex::block::decompress_size_prepended(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|raw| String::from_utf8(raw).map_err(|e| e.to_string()))
    {
        Ok(t) => *text = Some(t),
        Err(e) => {
            tracing::warn!(entry = id, error = %e, "audit entry's compressed N-Triples cannot be read")
        }
    }
}

impl NewAuditEntry {
    /// The entry with its large N-Triples texts moved into the compressed columns.
    pub fn compacted(mut self) -> Self {
        self.before_nt_lz4 = pack(&mut self.before_nt);
        self.after_nt_lz4 = pack(&mut self.after_nt);
        self
    }
}

impl AuditEntry {
    /// The entry with compressed N-Triples expanded into `before_nt` / `after_nt`.
    pub(super) fn expanded(mut self) -> Self {
        unpack(&mut self.before_nt, &mut self.before_nt_lz4, self.id);
        unpack(&mut self.after_nt, &mut self.after_nt_lz4, self.id);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(after: &str) -> NewAuditEntry {
        NewAuditEntry {
            at: String::new(),
            actor: String::new(),
            source: "import".into(),
            run_id: None,
            item_kind: String::new(),
            item_id: String::new(),
            item_iri: String::new(),
            action: "created".into(),
            before_nt: None,
            after_nt: Some(after.to_owned()),
            before_nt_lz4: None,
            after_nt_lz4: None,
            revision: None,
        }
    }

    fn stored(e: NewAuditEntry) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: e.at,
            actor: e.actor,
            source: e.source,
            run_id: e.run_id,
            item_kind: e.item_kind,
            item_id: e.item_id,
            item_iri: e.item_iri,
            action: e.action,
            before_nt: e.before_nt,
            after_nt: e.after_nt,
            before_nt_lz4: e.before_nt_lz4,
            after_nt_lz4: e.after_nt_lz4,
        }
    }

    #[test]
    fn large_texts_are_compressed_and_read_back_small_ones_stay_plain() {
        let big =
            "<https://x.se/kodverk/a/1> <http://www.w3.org/2004/02/skos/core#notation> \"1\" .\n"
                .repeat(1000);
        let e = entry(&big).compacted();
        assert!(e.after_nt.is_none());
        assert!(
            e.after_nt_lz4
                .as_ref()
                .is_some_and(|b| b.len() < big.len() / 5)
        );
        assert_eq!(stored(e).expanded().after_nt.as_deref(), Some(big.as_str()));

        let e = entry("<a> <b> <c> .").compacted();
        assert!(e.after_nt_lz4.is_none());
        assert_eq!(
            stored(e).expanded().after_nt.as_deref(),
            Some("<a> <b> <c> .")
        );
    }

    #[test]
    fn a_damaged_blob_reads_as_no_text_without_panicking() {
        let mut e = stored(entry("x"));
        e.after_nt = None;
        e.after_nt_lz4 = Some(vec![0xff, 0xff, 0xff, 0x7f, 1, 2, 3]);
        assert_eq!(e.expanded().after_nt, None);
    }
}
