//! Cleaning (placeholder; being written).
