//! A cache hint for the kernels whose reads chain through arrays far larger than the caches
//! (Leiden's gathers, the core peel's queue): ask for a line some steps before it is read.

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
