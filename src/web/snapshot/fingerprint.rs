//! The snapshot's fingerprint: a hash of the store revision and every item's IRI and
//! modification time, kept as an order-free sum so a write updates it by what it changed.

use sha2::{Digest, Sha256};

use crate::domain::Modified;

/// The revision and each item's IRI and modification time, hashed.
/// One `dct:modified` entry's share of the fingerprint.
pub(super) fn entry_hash(iri: &str, modified: &str) -> u128 {
    let mut h = Sha256::new();
    h.update(iri.as_bytes());
    h.update([0]);
    h.update(modified.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    u128::from_be_bytes(b)
}

/// The order-free sum of every entry's hash: a write adds and subtracts what it changed, so
/// the fingerprint costs what the write touched, not the whole catalogue.
pub(super) fn modified_sum(modified: &Modified) -> u128 {
    modified
        .iter()
        .fold(0u128, |sum, (k, v)| sum.wrapping_add(entry_hash(k, v)))
}

pub(super) fn fingerprint(revision: u64, modified_sum: u128) -> String {
    let mut h = Sha256::new();
    h.update(revision.to_be_bytes());
    h.update(modified_sum.to_be_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces every `dct:modified` entry of the item at `iri` (its own and those below it) by
/// `entries`, keeping `sum` the [`modified_sum`] of the map.
pub(super) fn replace_modified(
    modified: &mut Modified,
    sum: &mut u128,
    iri: &str,
    entries: impl IntoIterator<Item = (String, String)>,
) {
    let below = format!("{iri}/");
    let mut gone: Vec<String> = modified
        .range(below.clone()..)
        .take_while(|(k, _)| k.starts_with(&below))
        .map(|(k, _)| k.clone())
        .collect();
    gone.push(iri.to_owned());
    for k in gone {
        if let Some(v) = modified.remove(&k) {
            *sum = sum.wrapping_sub(entry_hash(&k, &v));
        }
    }
    for (k, v) in entries {
        *sum = sum.wrapping_add(entry_hash(&k, &v));
        if let Some(old) = modified.insert(k.clone(), v) {
            *sum = sum.wrapping_sub(entry_hash(&k, &old));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> Modified {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_write_updates_the_fingerprint_as_a_fresh_sum_would() {
        let mut m = map(&[
            ("https://x/kodverk/kon", "1"),
            ("https://x/kodverk/kon-2", "1"),
            ("https://x/kodverk/kon/1", "1"),
            ("https://x/kodverk/kon/2", "1"),
            ("https://x/variabel/a", "1"),
        ]);
        let mut sum = modified_sum(&m);
        replace_modified(
            &mut m,
            &mut sum,
            "https://x/kodverk/kon",
            [
                ("https://x/kodverk/kon".to_owned(), "2".to_owned()),
                ("https://x/kodverk/kon/3".to_owned(), "2".to_owned()),
            ],
        );
        assert_eq!(
            m,
            map(&[
                ("https://x/kodverk/kon", "2"),
                ("https://x/kodverk/kon-2", "1"),
                ("https://x/kodverk/kon/3", "2"),
                ("https://x/variabel/a", "1"),
            ]),
            "the item's entries replaced, its neighbour kon-2 kept"
        );
        assert_eq!(sum, modified_sum(&m));
        assert_ne!(fingerprint(7, sum), fingerprint(8, sum));
    }
}
