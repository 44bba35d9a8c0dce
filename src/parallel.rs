//! The one parallel helper varcat needs: split a slice into one contiguous chunk per core and
//! work on the chunks with scoped threads, results in order. Small inputs stay on the calling
//! thread.

/// Below this many items the work runs on the calling thread.
const MIN_PARALLEL: usize = 64;

/// `f` applied to consecutive chunks of `items`, one chunk per core, results in order.
pub fn chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < MIN_PARALLEL {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(r) => r,
                // A panic in `f` is a bug; hand it on as a sequential call would.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunks_cover_the_input_in_order() {
        for n in [0, 3, 63, 64, 1000, 1001] {
            let v: Vec<usize> = (0..n).collect();
            let parts = super::chunks(&v, |c| c.to_vec());
            assert_eq!(parts.concat(), v);
        }
    }
}
