//! A cache hint for the kernels whose reads chain through arrays far larger than the caches
//! (Leiden's gathers, the core peel's and the components' queues): ask for a line some steps
//! before it is read.

use crate::graph::Csr;

/// Asks for the cache line holding `*p` ahead of its use. A hint only: it never faults, so
/// `p` may be any address (out of bounds included, as past a slice's end).
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    #[allow(unused_unsafe)]
    // SAFETY: PREFETCHT0 reads no memory into the program and raises no fault for any
    // address; SSE is part of the x86-64 baseline.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// How many places ahead in a queue of nodes to visit a node's offsets are asked for, and
/// (the offsets then in cache) the start of its neighbour list: visiting a node reads its two
/// offsets and then its row, two dependent misses at random in arrays far larger than the
/// caches at scale, which the hints overlap with the visits before it.
const OFFSETS_AHEAD: usize = 8;
/// See [`OFFSETS_AHEAD`].
const ROW_AHEAD: usize = 4;

/// The cache hints of a first-in, first-out queue of nodes of `g` (a breadth-first search, the
/// core peel's removals): [`RowsAhead::warm`] before each visit. Hints only: no result depends
/// on them.
pub(crate) struct RowsAhead<'g> {
    g: &'g Csr,
}

impl<'g> RowsAhead<'g> {
    pub(crate) fn of(g: &'g Csr) -> RowsAhead<'g> {
        RowsAhead { g }
    }

    /// Asks for the offsets of the node `OFFSETS_AHEAD` places after `head` in `queue` and
    /// for the neighbour list(s) of the one `ROW_AHEAD` places after it (out and in lists of a
    /// directed graph).
    #[inline(always)]
    pub(crate) fn warm(&self, queue: &[u32], head: usize) {
        if let Some(&v) = queue.get(head + OFFSETS_AHEAD) {
            prefetch(self.g.offsets().as_ptr().wrapping_add(v as usize));
        }
        if let Some(&v) = queue.get(head + ROW_AHEAD) {
            prefetch(self.g.neighbors(v).as_ptr());
            if self.g.is_directed() {
                prefetch(self.g.in_neighbors(v).as_ptr());
            }
        }
    }
}
