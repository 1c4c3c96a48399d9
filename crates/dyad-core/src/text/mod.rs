//! The text pipeline: cleaning, segmentation, tagging and chunking.

pub mod chunk;
pub mod clean;
pub mod segment;
pub mod tag;
