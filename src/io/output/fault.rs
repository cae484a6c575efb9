//! The test hook described in the module documentation.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Whether a step prepares the new set (and can fail like a full disk) or commits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Prepare,
    Commit,
}

static STEPS: AtomicUsize = AtomicUsize::new(0);
static PREPARED: AtomicUsize = AtomicUsize::new(0);

fn setting(name: &'static str, cell: &'static OnceLock<Option<usize>>) -> Option<usize> {
    *cell.get_or_init(|| std::env::var(name).ok().and_then(|v| v.trim().parse().ok()))
}

/// `HELIXGRAPH_TEST_NO_EXCHANGE=1`: behave as a system without folder exchange, so the
/// fallback of [`super::write_folder`] is tested on Linux too.
pub(super) fn no_exchange() -> bool {
    static NO: OnceLock<bool> = OnceLock::new();
    *NO.get_or_init(|| std::env::var("HELIXGRAPH_TEST_NO_EXCHANGE").as_deref() == Ok("1"))
}

/// Marks one file-system step as done; aborts or fails it when the hook asks.
pub(super) fn step(phase: Phase, what: &str) -> io::Result<()> {
    static CRASH: OnceLock<Option<usize>> = OnceLock::new();
    static FAIL: OnceLock<Option<usize>> = OnceLock::new();
    let n = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
    if setting("HELIXGRAPH_TEST_CRASH_AFTER", &CRASH) == Some(n) {
        eprintln!("HELIXGRAPH_TEST_CRASH_AFTER={n}: aborting after {what}");
        std::process::abort();
    }
    if phase == Phase::Prepare {
        let p = PREPARED.fetch_add(1, Ordering::SeqCst) + 1;
        if setting("HELIXGRAPH_TEST_FAIL_AT", &FAIL) == Some(p) {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                format!("no space left on device (simulated by HELIXGRAPH_TEST_FAIL_AT={p} after {what})"),
            ));
        }
    }
    Ok(())
}
