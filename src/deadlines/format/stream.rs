//! Rendering cases in parallel windows, and counting statuses on the way.

use rayon::prelude::*;

use super::super::{CaseItems, FailOn, Status};

/// Cases rendered per parallel piece, and pieces rendered before they are handed on:
/// output of any size streams in windows instead of growing one huge string.
const CHUNK: usize = 32;
const WINDOW: usize = 8 * CHUNK;

/// How many items have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts([usize; Status::ALL.len()]);

impl Counts {
    /// Counts the items of some cases.
    pub fn of(cases: &[CaseItems]) -> Counts {
        let mut counts = Counts::default();
        for item in CaseItems::all(cases) {
            counts.0[index(item.status)] += 1;
        }
        counts
    }

    /// Adds `n` items with this status.
    pub fn add_n(&mut self, status: Status, n: usize) {
        self.0[index(status)] += n;
    }

    /// How many items have this status.
    pub fn get(&self, status: Status) -> usize {
        self.0[index(status)]
    }

    /// How many items in all.
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// Whether any item reaches the `--fail-on` threshold.
    pub fn failing(&self, fail_on: FailOn) -> bool {
        Status::ALL
            .iter()
            .any(|s| self.get(*s) > 0 && fail_on.fails(*s))
    }

    fn add(&mut self, other: Counts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }
}

fn index(status: Status) -> usize {
    status.index()
}

/// Evaluates and renders `cases` in parallel, a window at a time, handing the pieces to
/// `sink` in order; returns the counts of every item rendered.
pub(super) fn stream<T: Sync>(
    cases: &[T],
    evaluate: &(dyn Fn(&T) -> CaseItems + Sync),
    render: impl Fn(&[CaseItems]) -> String + Sync,
    sink: &mut dyn FnMut(&str),
) -> Counts {
    let mut counts = Counts::default();
    for window in cases.chunks(WINDOW) {
        let rendered: Vec<(String, Counts)> = window
            .par_chunks(CHUNK)
            .map(|chunk| {
                let evaluated: Vec<CaseItems> = chunk.iter().map(evaluate).collect();
                (render(&evaluated), Counts::of(&evaluated))
            })
            .collect();
        for (piece, piece_counts) in &rendered {
            sink(piece);
            counts.add(*piece_counts);
        }
    }
    counts
}
