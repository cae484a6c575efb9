//! Deterministic parallel helpers.
//!
//! Results must not depend on the thread count. Work over `items` (sources,
//! samples, vertices) is cut into at most [`MAX_BLOCKS`] contiguous blocks whose
//! boundaries depend only on `items`; each block is computed sequentially into
//! its own partial result, and partial results are merged in block order. Blocks
//! run in parallel in waves (bounded memory for partial vectors); the wave size
//! may depend on the thread count because it never changes the merge order.

use rayon::prelude::*;
use std::ops::Range;
use std::sync::Mutex;

/// Upper bound on the number of blocks a sweep is cut into.
pub(crate) const MAX_BLOCKS: usize = 256;

/// Memory budget for the partial results of one wave.
const WAVE_BYTES: usize = 512 << 20;

/// The fixed block boundaries for `items` items.
pub(crate) fn blocks(items: usize) -> Vec<Range<usize>> {
    let b = items.min(MAX_BLOCKS);
    (0..b).map(|i| i * items / b..(i + 1) * items / b).collect()
}

/// Runs `run(scratch, block)` for every block in parallel (scratch made by
/// `init`, reused by later blocks: `run` must leave it as it found it) and hands each block's
/// result to `merge` in block order.
pub(crate) fn ordered_blocks<S, R, I, F, M>(
    items: usize,
    partial_bytes: usize,
    init: I,
    run: F,
    merge: M,
) where
    S: Send,
    R: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, Range<usize>) -> R + Sync + Send,
    M: FnMut(R),
{
    ordered_blocks_pooled(
        &Mutex::new(Vec::new()),
        items,
        partial_bytes,
        init,
        run,
        merge,
    );
}

/// [`ordered_blocks`] with the scratch pool kept by the caller, for a caller that runs many
/// rounds (adaptive sampling: a round per batch of samples, each scratch n-sized): the
/// scratch made in one round serves the next.
pub(crate) fn ordered_blocks_pooled<S, R, I, F, M>(
    free: &Mutex<Vec<S>>,
    items: usize,
    partial_bytes: usize,
    init: I,
    run: F,
    mut merge: M,
) where
    S: Send,
    R: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, Range<usize>) -> R + Sync + Send,
    M: FnMut(R),
{
    let ranges = blocks(items);
    let threads = rayon::current_num_threads().max(1);
    let wave = (4 * threads).min((WAVE_BYTES / partial_bytes.max(1)).max(1));
    // Scratch from a pool shared by the waves, made only when none is free: `map_init` made
    // one per split of each wave, that is one per block, 256 per sweep, each n-sized arrays
    // to allocate and fill (path-sampled betweenness on the 1.2M-node two-mode graph of 5M
    // involvements: 2.3 s with them, 0.38 s through the pool). Over a plain range `map_init`
    // splits 16 to 50 times; the kernels using it showed no gain from a pool, by A/B.
    for chunk in ranges.chunks(wave) {
        let results: Vec<R> = chunk
            .par_iter()
            .map(|r| {
                let mut s = free
                    .lock()
                    .ok()
                    .and_then(|mut f| f.pop())
                    .unwrap_or_else(&init);
                let result = run(&mut s, r.clone());
                if let Ok(mut f) = free.lock() {
                    f.push(s);
                }
                result
            })
            .collect();
        for r in results {
            merge(r);
        }
    }
}

/// Σ f(i) for i in 0..n, summed in fixed chunks of 4096 (in parallel) whose
/// sums are added in index order: the result does not depend on threads.
pub(crate) fn ordered_sum<F: Fn(usize) -> f64 + Sync + Send>(n: usize, f: F) -> f64 {
    const CHUNK: usize = 4096;
    let chunks = n.div_ceil(CHUNK);
    let parts: Vec<f64> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut s = 0.0;
            for i in c * CHUNK..((c + 1) * CHUNK).min(n) {
                s += f(i);
            }
            s
        })
        .collect();
    parts.iter().sum()
}
