//! A time limit for template rendering, the one step fuel cannot bound on its own.
//!
//! minijinja's fuel counts instructions, but a single instruction can build a sequence
//! of up to 100 million items (`[x] * 100000 * 1000`), which takes seconds to minutes.
//! While a template renders, a watchdog thread waits; if the render outlives the limit
//! it prints an error and ends the process with exit code 2. Nothing has been written
//! at that point: reports are written only after rendering finishes.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// Disarms the watchdog when dropped.
pub struct Watchdog {
    done: Option<Sender<()>>,
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
    }
}

/// Arms a watchdog: unless dropped within `limit`, it reports `what` and exits with code 2.
pub fn arm(limit: Duration, what: String) -> Watchdog {
    let (done, wait) = mpsc::channel::<()>();
    let spawned = std::thread::Builder::new()
        .name("casebook-watchdog".into())
        .spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(limit) {
                crate::output::eprint(&format!(
                    "error: {what} took longer than {} s and was stopped; nothing was written\n  help: a template must not build very large values (for example `[x] * 100000`)\n",
                    limit.as_secs()
                ));
                std::process::exit(2);
            }
        });
    // If no thread can be started the render simply runs without a time limit.
    Watchdog {
        done: spawned.ok().map(|_| done),
    }
}
