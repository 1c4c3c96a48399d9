//! The text pipeline: cleaning, segmentation, tagging and chunking.

pub mod chunk;
pub mod clean;
pub mod segment;
pub mod tag;
pub mod tense;

/// Month names, lowercase.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lowercase.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True for a month or weekday name (lowercase): capitalised words that
/// name times, never places ("on March 9": March is also a town in
/// England) nor people.
pub fn is_calendar_word(lower: &str) -> bool {
    MONTHS.contains(&lower) || WEEKDAYS.contains(&lower)
}
