//! The text pipeline: cleaning, segmentation, tagging and chunking.

pub mod clean;
