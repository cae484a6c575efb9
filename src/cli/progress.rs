//! Stage progress on stderr: a spinner with the elapsed time while a long stage runs, and a
//! line when it ends. Shown only when stderr is a terminal and `--quiet` is not given, so pipes
//! and logs stay clean.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences every stage (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn visible() -> bool {
    !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

/// A running stage.
pub struct Stage {
    bar: Option<ProgressBar>,
    started: Instant,
    name: &'static str,
}

impl Stage {
    /// Starts a stage named like "reading" or "computing metrics".
    pub fn start(name: &'static str) -> Stage {
        let bar = visible().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(name);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Stage {
            bar,
            started: Instant::now(),
            name,
        }
    }

    /// Ends the stage with a short result ("5,014,347 involvements").
    pub fn done(self, what: &str) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
            eprintln!(
                "{} {what} in {:.1} s",
                self.name,
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}
