//! The allocator's policy: when freed memory goes back to the system.

/// Freed memory stays with the allocator up to 64 MB at the top of a heap, and blocks below
/// 32 MB come from the heaps rather than from their own mappings. glibc's defaults (a
/// threshold that starts at 128 kB) gave every short-lived array of a stage (a Leiden level's
/// cells, a row table, a sweep's scores) fresh pages to fault in and return: `analyze` at 78k
/// involvements took 16,500 page faults, 10,600 with this policy, and 11% less CPU (perf stat,
/// 6–8 runs each); at 5M, 55.9 s and 1,796,220 kB peak against 60.9 s and 1,855,400 kB (one
/// run each, same bytes out). A 256 MB trim threshold was as fast but peaked at 1.90 GB at 5M:
/// each thread's heap kept its freed top. Stages that free a lot still hand it back with
/// [`return_freed_memory`]. A `GLIBC_TUNABLES` that sets a malloc tunable is left to rule.
/// A no-op on other allocators and platforms.
pub(crate) fn keep_freed_memory_for_reuse() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let tuned = std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("malloc."));
        if !tuned {
            // SAFETY: mallopt only sets two thresholds of the allocator; it is called before
            // any thread is started.
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
                libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
            }
        }
    }
}

/// Returns the allocator's free memory to the system (glibc's `malloc_trim`): the analysis
/// is freed on the threads that built it, in their own arenas, where the main thread's
/// allocations cannot reuse it; without this the JSON document was built on top of it and
/// `analyze` at 5M involvements peaked there (2.13 GB RSS against a 1.76 GB heap). Skipped
/// while the process holds less than [`TRIM_FROM_BYTES`]: a trim walks every heap (1.7 ms of
/// `analyze`'s 0.2 s at 78k involvements) and can only lower a peak that small by little. A
/// no-op on other allocators and platforms.
pub(crate) fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if resident_bytes().is_none_or(|r| r >= TRIM_FROM_BYTES) {
        // SAFETY: malloc_trim only releases free pages of the allocator's arenas; it takes no
        // pointer and is safe to call at any time from any thread.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}

/// Resident memory from which [`return_freed_memory`] trims.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_FROM_BYTES: u64 = 256 << 20;

/// The process's resident memory, from `/proc/self/statm` (pages resident, times the page
/// size); `None` where it cannot be read.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf only reads a configuration value.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(page).ok().map(|p| pages * p)
}

/// Leaves `value` to the end of the process, whose memory the system takes back at once,
/// instead of freeing its allocations one by one: an ecosystem of a million actors, their
/// names and the diagnosis's findings are millions of small blocks, and freeing them took
/// 0.6 s of `report` at 5M involvements (perf: `free`, `malloc_consolidate`) after its output
/// was written. Only for what a command holds to its end, once its output is written (or its
/// writing failed) and it is about to return: nothing of it writes, flushes or removes
/// anything when dropped. The commands run once per process; a caller that ran them in a
/// loop would keep every run's memory.
pub(crate) fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}
