//! The text pipeline: cleaning, segmentation, tagging and chunking.

pub mod clean;
pub mod segment;
pub mod tag;
pub mod chunk;
