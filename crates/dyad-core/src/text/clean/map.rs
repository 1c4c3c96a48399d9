//! The offset map: run-length segments from an output text back to the raw
//! input, and the [`Builder`] every cleaning stage writes through.
//!
//! A map is a sorted list of [`Seg`]s that tile the output text without gaps.
//! A *linear* segment is a byte-for-byte copy of the raw input (output byte
//! `clean + i` came from raw byte `orig + i`); any other segment is a
//! *replacement* whose whole output range stands for the raw range
//! `[orig, orig + orig_len)` (an insertion has `orig_len == 0`, placed at the
//! raw position of the next original character).
//!
//! Stages are chained by composing maps as they are built: a [`Builder`]
//! reads a source text together with that text's own map to the raw input,
//! so each piece it emits is mapped straight to raw offsets. Adjacent linear
//! pieces that stay contiguous on both sides are merged, so a clean article
//! is typically one segment per edit, not one per byte.

use std::ops::Range;

use super::Removal;

/// One run of the offset map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Seg {
    /// Start of the run in the output text.
    pub clean: usize,
    /// Length of the run in the output text.
    pub clean_len: usize,
    /// Start of the raw range it came from.
    pub orig: usize,
    /// Length of the raw range it came from.
    pub orig_len: usize,
    /// Byte-for-byte copy (then `clean_len == orig_len`).
    pub linear: bool,
}

impl Seg {
    fn clean_end(&self) -> usize {
        self.clean + self.clean_len
    }
}

/// An owned text with its map to the raw input.
#[derive(Debug, Clone, Default)]
pub(super) struct Mapped {
    pub text: String,
    pub segs: Vec<Seg>,
}

impl Mapped {
    /// Borrow as a [`View`].
    pub fn view(&self) -> View<'_> {
        View {
            text: &self.text,
            segs: &self.segs,
        }
    }
}

/// A borrowed text with its map to the raw input.
#[derive(Debug, Clone, Copy)]
pub(super) struct View<'a> {
    pub text: &'a str,
    pub segs: &'a [Seg],
}

impl View<'_> {
    /// Index of the segment holding output byte `pos` (`pos < text.len()`).
    fn seg_index(&self, pos: usize) -> Option<usize> {
        let after = self.segs.partition_point(|s| s.clean <= pos);
        let i = after.checked_sub(1)?;
        (pos < self.segs[i].clean_end()).then_some(i)
    }

    /// Raw offset of the end of the whole text.
    fn orig_text_end(&self) -> usize {
        self.segs.last().map_or(0, |s| s.orig + s.orig_len)
    }

    /// Raw offset where the output byte `pos` starts (or the raw end for
    /// `pos >= text.len()`). Inside a replacement this is the start of what
    /// it replaced.
    pub fn orig_start(&self, pos: usize) -> usize {
        self.orig_start_mode(pos, false)
    }

    /// Like [`orig_start`](Self::orig_start), but a position inside a
    /// replacement (not at its first byte) maps to the *end* of what it
    /// replaced. Used when composing stages: the replaced raw range belongs
    /// to the piece holding the replacement's first byte, later pieces are
    /// empty ranges after it, so composed segments never overlap.
    fn orig_start_compose(&self, pos: usize) -> usize {
        self.orig_start_mode(pos, true)
    }

    fn orig_start_mode(&self, pos: usize, mid_to_end: bool) -> usize {
        match self.seg_index(pos) {
            Some(i) => {
                let s = self.segs[i];
                if s.linear {
                    s.orig + (pos - s.clean)
                } else if mid_to_end && pos > s.clean {
                    s.orig + s.orig_len
                } else {
                    s.orig
                }
            }
            None => self.orig_text_end(),
        }
    }

    /// Raw offset matching `end` used as an exclusive end: the end of the raw
    /// text behind the output byte `end - 1`.
    pub fn orig_end(&self, end: usize) -> usize {
        if end == 0 {
            return self.orig_start(0);
        }
        let last = end.min(self.text.len());
        if last == 0 {
            return self.orig_start(0);
        }
        match self.seg_index(last - 1) {
            Some(i) => {
                let s = self.segs[i];
                if s.linear {
                    s.orig + (last - s.clean)
                } else {
                    s.orig + s.orig_len
                }
            }
            None => self.orig_text_end(),
        }
    }

    /// Raw span behind the output range.
    pub fn orig_span(&self, range: Range<usize>) -> [usize; 2] {
        self.orig_span_mode(range, false)
    }

    fn orig_span_mode(&self, range: Range<usize>, compose: bool) -> [usize; 2] {
        let start = self.orig_start_mode(range.start, compose);
        if range.end <= range.start {
            return [start, start];
        }
        [start, self.orig_end(range.end).max(start)]
    }
}

/// Writes one stage's output, mapping every piece to raw offsets.
pub(super) struct Builder<'a> {
    src: View<'a>,
    out: String,
    segs: Vec<Seg>,
    removed: Vec<Removal>,
}

impl<'a> Builder<'a> {
    /// A builder reading from `src`.
    pub fn new(src: View<'a>) -> Self {
        Builder {
            src,
            out: String::with_capacity(src.text.len()),
            segs: Vec::new(),
            removed: Vec::new(),
        }
    }

    fn push(&mut self, seg: Seg) {
        if seg.clean_len == 0 {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            debug_assert_eq!(last.clean_end(), seg.clean);
            // Linear runs that continue each other, or the rest of a
            // replacement (an empty range right after it) merge.
            let continues = last.orig + last.orig_len == seg.orig;
            let mergeable = if seg.linear {
                last.linear && continues
            } else {
                !last.linear && continues && seg.orig_len == 0
            };
            if mergeable {
                last.clean_len += seg.clean_len;
                last.orig_len += seg.orig_len;
                return;
            }
        }
        self.segs.push(seg);
    }

    /// Copy `src.text[range]` unchanged.
    pub fn copy(&mut self, range: Range<usize>) {
        if range.start >= range.end {
            return;
        }
        let Some(mut i) = self.src.seg_index(range.start) else {
            return;
        };
        self.out.push_str(&self.src.text[range.clone()]);
        let mut clean = self.out.len() - (range.end - range.start);
        let mut pos = range.start;
        while pos < range.end {
            let Some(&s) = self.src.segs.get(i) else {
                break;
            };
            let end = range.end.min(s.clean_end());
            let len = end - pos;
            let seg = if s.linear {
                Seg {
                    clean,
                    clean_len: len,
                    orig: s.orig + (pos - s.clean),
                    orig_len: len,
                    linear: true,
                }
            } else if pos > s.clean {
                // The rest of a replacement whose start was copied before.
                Seg {
                    clean,
                    clean_len: len,
                    orig: s.orig + s.orig_len,
                    orig_len: 0,
                    linear: false,
                }
            } else {
                Seg {
                    clean,
                    clean_len: len,
                    orig: s.orig,
                    orig_len: s.orig_len,
                    linear: false,
                }
            };
            self.push(seg);
            clean += len;
            pos = end;
            i += 1;
        }
    }

    /// Write `with` in place of `src.text[range]`.
    pub fn replace(&mut self, range: Range<usize>, with: &str) {
        let [orig, orig_end] = self.src.orig_span_mode(range, true);
        let clean = self.out.len();
        self.out.push_str(with);
        self.push(Seg {
            clean,
            clean_len: with.len(),
            orig,
            orig_len: orig_end - orig,
            linear: false,
        });
    }

    /// Write `with` before the source byte `at` (mapped to that byte's raw
    /// position, with an empty raw range).
    pub fn insert(&mut self, at: usize, with: &str) {
        let orig = self.src.orig_start_compose(at);
        let clean = self.out.len();
        self.out.push_str(with);
        self.push(Seg {
            clean,
            clean_len: with.len(),
            orig,
            orig_len: 0,
            linear: false,
        });
    }

    /// Record `range` of the source as removed junk under `rule`, merging
    /// with the previous record when it is the same rule and touches it.
    pub fn record(&mut self, range: Range<usize>, rule: &'static str) {
        if range.start >= range.end {
            return;
        }
        let span = self.src.orig_span_mode(range, true);
        if span[0] == span[1] {
            return;
        }
        if let Some(last) = self.removed.last_mut() {
            if last.rule == rule && last.span[1] == span[0] {
                last.span[1] = span[1];
                return;
            }
        }
        self.removed.push(Removal { span, rule });
    }

    /// The output with its map, and the removals recorded.
    pub fn finish(self) -> (Mapped, Vec<Removal>) {
        (
            Mapped {
                text: self.out,
                segs: self.segs,
            },
            self.removed,
        )
    }
}
