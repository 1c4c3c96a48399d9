//! Cleaning (temporary identity stub; the full module is being written).

/// A removed span of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Byte range in the original.
    pub span: [usize; 2],
    /// Rule name.
    pub rule: &'static str,
}

/// Cleaned text with a map back to original offsets.
#[derive(Debug, Clone)]
pub struct CleanText {
    /// The cleaned text.
    pub text: String,
    removed: Vec<Removal>,
}

impl CleanText {
    /// Original offset of a clean offset.
    pub fn original_offset(&self, clean: usize) -> usize {
        clean
    }
    /// Original span of a clean span.
    pub fn original_span(&self, span: [usize; 2]) -> [usize; 2] {
        [self.original_offset(span[0]), self.original_offset(span[1])]
    }
    /// Removed junk.
    pub fn removed(&self) -> &[Removal] {
        &self.removed
    }
}

/// Cleans text.
pub fn clean(raw: &str) -> CleanText {
    CleanText {
        text: raw.to_string(),
        removed: Vec::new(),
    }
}
