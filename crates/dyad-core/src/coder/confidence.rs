//! Event confidence: the coder's evidence score mapped to a probability.
//!
//! The evidence score (`events.rs`, `nominal.rs`) rises with a pattern's
//! literal words and with a target found in the clause, and falls when an
//! actor comes from document context (a pronoun, "the two ministers") or
//! the clause is passive. [`calibrate`] maps it to the precision that
//! events with that score had on the development gold sets (`plover_gsr`
//! and `up_petr2_gsr`, 142 coded events, `dyad eval` → calibration):
//!
//! | evidence score | events | correct | precision |
//! |---|---|---|---|
//! | < 0.6          | 17     | 0       | 0.00      |
//! | 0.6 – 0.7      | 51     | 8       | 0.16      |
//! | 0.7 – 0.8      | 46     | 21      | 0.46      |
//! | ≥ 0.8          | 28     | 20      | 0.71      |
//!
//! The curve is piecewise linear through the bins' centres, so it is
//! monotone: a higher score never means a lower confidence.

/// Events with a lower confidence are dropped unless the caller asks for a
/// lower threshold: on the development sets none of them was right.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.1;

/// The confidence of a hypothetical event ("could attack", "might want …
/// to") or of a condition ("… unless Baghdad accepted its conditions",
/// "… before they demobilize"): it did not happen, so it falls under the
/// default threshold whatever its evidence (dropping them raised precision
/// on every development set and lost no right event); `--min-confidence 0`
/// still lists it, with its modality.
pub const HYPOTHETICAL: f32 = 0.05;

// A hypothetical event is never reported by default.
const _: () = assert!(HYPOTHETICAL < DEFAULT_MIN_CONFIDENCE);

/// (evidence score, precision) at the centre of each measured bin.
const CURVE: [(f32, f32); 5] = [
    (0.55, 0.03),
    (0.65, 0.16),
    (0.75, 0.46),
    (0.85, 0.71),
    (0.95, 0.85),
];

/// The calibrated confidence of an evidence score, rounded to 0.01.
pub fn calibrate(score: f32) -> f32 {
    let (first, last) = (CURVE[0], CURVE[CURVE.len() - 1]);
    let p = if score <= first.0 {
        first.1
    } else if score >= last.0 {
        last.1
    } else {
        CURVE
            .windows(2)
            .find(|w| score <= w[1].0)
            .map_or(last.1, |w| {
                let (a, b) = (w[0], w[1]);
                a.1 + (b.1 - a.1) * (score - a.0) / (b.0 - a.0)
            })
    };
    (p * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_is_monotone_and_bounded() {
        let mut prev = 0.0;
        for i in 0..=100 {
            let c = calibrate(i as f32 / 100.0);
            assert!((0.0..=1.0).contains(&c));
            assert!(c >= prev, "score {i}: {c} < {prev}");
            prev = c;
        }
        // Scores whose events were never right fall under the default threshold.
        assert!(calibrate(0.55) < DEFAULT_MIN_CONFIDENCE);
        assert!(calibrate(0.65) >= DEFAULT_MIN_CONFIDENCE);
    }
}
