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

/// Scratch for parallel work (per-node arrays), made by `init` only when none is free and
/// handed back when a piece of work is done. Rayon's `map_init` makes a scratch for every
/// split of the work it runs: one per block of [`ordered_blocks`]'s waves, 256 per sweep, each
/// n-sized arrays to allocate and fill (path-sampled betweenness on the 1.2M-node two-mode
/// graph of 5M involvements: 2.3 s with them, 0.38 s through the pool). Through a pool, as
/// many are made as run at the same time. Whoever takes a scratch must leave it as it found
/// it, as `map_init`'s reuse within a split already required. (Over a plain range `map_init`
/// splits 16 to 50 times; the kernels using it showed no gain from the pool, by A/B.)
pub(crate) struct ScratchPool<S, I> {
    free: Mutex<Vec<S>>,
    init: I,
}

impl<S, I: Fn() -> S> ScratchPool<S, I> {
    pub(crate) fn new(init: I) -> Self {
        ScratchPool {
            free: Mutex::new(Vec::new()),
            init,
        }
    }

    /// A free scratch, or a new one; it returns to the pool when dropped.
    pub(crate) fn take(&self) -> Pooled<'_, S> {
        let free = self.free.lock().ok().and_then(|mut f| f.pop());
        Pooled {
            scratch: Some(free.unwrap_or_else(&self.init)),
            free: &self.free,
        }
    }
}

/// A scratch taken from a [`ScratchPool`].
pub(crate) struct Pooled<'p, S> {
    scratch: Option<S>,
    free: &'p Mutex<Vec<S>>,
}

impl<S> std::ops::Deref for Pooled<'_, S> {
    type Target = S;
    fn deref(&self) -> &S {
        self.scratch.as_ref().expect("held until dropped")
    }
}

impl<S> std::ops::DerefMut for Pooled<'_, S> {
    fn deref_mut(&mut self) -> &mut S {
        self.scratch.as_mut().expect("held until dropped")
    }
}

impl<S> Drop for Pooled<'_, S> {
    fn drop(&mut self) {
        if let (Some(s), Ok(mut free)) = (self.scratch.take(), self.free.lock()) {
            free.push(s);
        }
    }
}

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
    // One pool across the waves: a scratch per block running at a time, not per block.
    let pool = ScratchPool::new(init);
    for chunk in ranges.chunks(wave) {
        let results: Vec<R> = chunk
            .par_iter()
            .map_init(|| pool.take(), |s, r| run(s, r.clone()))
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
