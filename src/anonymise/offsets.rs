//! Owns the way back from a derived view of a text (the folded form that
//! names are compared in, the reader's view without markup) to the original
//! bytes. Each stretch of view bytes is either a byte-for-byte copy of
//! original ASCII or the rendering of one original unit (a character, a
//! character reference, a run of white space, a tag), and every view byte of
//! a unit maps to the whole unit. A range maps from the start of its first
//! unit to the end of its last, so markup dropped inside a match is inside
//! the original range and markup around it is not. It must not decide what a
//! view contains.

use std::ops::Range;

/// A stretch of view bytes starting at `view` that came from original bytes
/// starting at `orig`: copied byte for byte when `linear`, otherwise all
/// from the one unit `orig..orig_end`.
#[derive(Debug, Clone, Copy)]
struct Seg {
    view: usize,
    orig: usize,
    orig_end: usize,
    linear: bool,
}

/// The map from a view's byte offsets to the original's.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    /// Sorted by `view`; consecutive units never overlap in the original.
    segs: Vec<Seg>,
    view_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    /// Starts an empty map for an original of `orig_len` bytes.
    pub(crate) fn new(orig_len: usize) -> Self {
        OffsetMap {
            segs: Vec::new(),
            view_len: 0,
            orig_len,
        }
    }

    /// Records that view bytes from `view` on are a copy of the original from
    /// `orig` on, until the next recorded stretch.
    pub(crate) fn copy(&mut self, view: usize, orig: usize) {
        self.segs.push(Seg {
            view,
            orig,
            orig_end: orig,
            linear: true,
        });
    }

    /// Records that view bytes from `view` on render the original unit
    /// `orig`, until the next recorded stretch.
    pub(crate) fn unit(&mut self, view: usize, orig: Range<usize>) {
        self.segs.push(Seg {
            view,
            orig: orig.start,
            orig_end: orig.end,
            linear: false,
        });
    }

    /// Widens the unit of the last view byte (`view_len - 1`) to end at
    /// `orig_end`: a combining mark dropped from the view belongs to the
    /// letter before it.
    pub(crate) fn absorb(&mut self, view_len: usize, orig_end: usize) {
        let Some(last_byte) = view_len.checked_sub(1) else {
            return;
        };
        let Some(seg) = self.segs.last_mut() else {
            return;
        };
        if seg.view > last_byte {
            return;
        }
        if !seg.linear {
            seg.orig_end = seg.orig_end.max(orig_end);
            return;
        }
        let orig = seg.orig + (last_byte - seg.view);
        if seg.view == last_byte {
            *seg = Seg {
                view: last_byte,
                orig,
                orig_end,
                linear: false,
            };
        } else {
            self.unit(last_byte, orig..orig_end);
        }
    }

    /// Closes the map once the view is `view_len` bytes long.
    pub(crate) fn finish(&mut self, view_len: usize) {
        self.view_len = view_len;
    }

    fn seg_of(&self, v: usize) -> Option<&Seg> {
        let idx = self.segs.partition_point(|s| s.view <= v);
        idx.checked_sub(1).and_then(|i| self.segs.get(i))
    }

    /// Gives the original offset where the unit of view byte `v` starts, or
    /// the original length when `v` is at or past the end.
    pub(crate) fn start(&self, v: usize) -> usize {
        if v >= self.view_len {
            return self.orig_len;
        }
        match self.seg_of(v) {
            Some(s) if s.linear => s.orig + (v - s.view),
            Some(s) => s.orig,
            None => 0,
        }
    }

    /// Gives the original offset where the unit of view byte `v` ends.
    fn end_of(&self, v: usize) -> usize {
        if v >= self.view_len {
            return self.orig_len;
        }
        match self.seg_of(v) {
            Some(s) if s.linear => s.orig + (v - s.view) + 1,
            Some(s) => s.orig_end,
            None => 0,
        }
    }

    /// Maps a view range to the original range from the start of its first
    /// unit to the end of its last; an empty range maps to an empty range.
    pub(crate) fn range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.start(r.start);
        if r.end <= r.start {
            return start..start;
        }
        start..self.end_of(r.end - 1).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_units_and_absorbed_marks() {
        // Original "ab&#99;de\u{301}f": view "abcdef".
        let mut m = OffsetMap::new(12);
        m.copy(0, 0);
        m.unit(2, 2..7);
        m.copy(3, 7);
        m.absorb(5, 11);
        m.copy(5, 11);
        m.finish(6);
        assert_eq!(m.range(0..2), 0..2);
        assert_eq!(m.range(2..3), 2..7);
        assert_eq!(m.range(1..4), 1..8);
        assert_eq!(m.range(4..5), 8..11);
        assert_eq!(m.range(5..6), 11..12);
        assert_eq!(m.range(6..6), 12..12);
        assert_eq!(m.start(99), 12);
    }
}
