//! The tense of the clause a word belongs to, for resolving bare dates
//! ("Monday", "December") to the past or the future occurrence.

use super::chunk::FUTURE;
use super::tag::Tagged;
use crate::time::Tense;
use std::ops::Range;

/// Verbs whose infinitive complement lies ahead ("is scheduled to open",
/// "plans to visit", "is expected to rule").
const PLANNING: &[&str] = &["schedule", "plan", "expect", "intend", "set", "slate"];

/// Auxiliaries that put a verb group in the past ("had left", "has said",
/// "was arrested").
const PAST_AUXILIARIES: &[&str] = &["had", "has", "have", "was", "were", "did", "'d"];

/// The tense of the clause of the words `expr` (token indices into a tagged
/// sentence): that of the nearest verb before them in the sentence, or
/// after them when none comes before ("On Monday, the court will rule").
///
/// A group with "will", "would", "shall", "'ll" or a planning verb ("is
/// scheduled to", "plans to") is [`Tense::Future`]; a past-tense verb or a
/// perfect or passive past ("has said", "was arrested") [`Tense::Past`];
/// anything else [`Tense::Present`].
pub fn tense_at(tokens: &[Tagged], expr: Range<usize>) -> Tense {
    let is_verb = |t: &Tagged| t.pos.starts_with("VB") || t.pos == "MD";
    let stop = |t: &Tagged| matches!(t.word.as_str(), ";" | ":");
    let before = tokens[..expr.start.min(tokens.len())]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, t)| !stop(t))
        .find(|(_, t)| is_verb(t))
        .map(|(i, _)| i);
    let after = || {
        tokens
            .iter()
            .enumerate()
            .skip(expr.end)
            .take_while(|(_, t)| !stop(t))
            .find(|(_, t)| is_verb(t))
            .map(|(i, _)| i)
    };
    let Some(verb) = before.or_else(after) else {
        return Tense::Present;
    };
    // The verb group: the verb and the auxiliaries, adverbs and "to" before it.
    let mut start = verb;
    while start > 0 && {
        let pos = tokens[start - 1].pos.as_str();
        matches!(pos, "MD" | "RB" | "TO") || pos.starts_with("VB")
    } {
        start -= 1;
    }
    let group = &tokens[start..(verb + 2).min(tokens.len())];
    // "is scheduled to open", "plans to visit", "is going to rule".
    let planned = group.windows(2).any(|w| {
        (PLANNING.contains(&w[0].lemma.as_str()) || w[0].lower == "going") && w[1].lower == "to"
    });
    let group = &group[..=verb - start];
    if group.iter().any(|t| FUTURE.contains(&t.lower.as_str())) || planned {
        Tense::Future
    } else if group
        .iter()
        .any(|t| t.pos == "VBD" || PAST_AUXILIARIES.contains(&t.lower.as_str()))
    {
        Tense::Past
    } else {
        Tense::Present
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::tokenize;
    use crate::text::tag::Tagger;

    /// The tense at the first token spelling `word`.
    fn tense(text: &str, word: &str) -> Tense {
        let tagged = Tagger::new().tag(text, &tokenize(text));
        let at = tagged
            .iter()
            .position(|t| t.word == word)
            .expect("word in text");
        tense_at(&tagged, at..at + 1)
    }

    #[test]
    fn the_nearest_verb_gives_the_tense() {
        assert_eq!(
            tense("The court will rule on Monday.", "Monday"),
            Tense::Future
        );
        assert_eq!(tense("The court ruled on Monday.", "Monday"), Tense::Past);
        assert_eq!(
            tense("The talks have resumed since Monday.", "Monday"),
            Tense::Past
        );
        assert_eq!(tense("The talks open Monday.", "Monday"), Tense::Present);
        assert_eq!(
            tense("The summit is scheduled to open in December.", "December"),
            Tense::Future
        );
        // With no verb before, the verb after.
        assert_eq!(
            tense("On Monday, the court will rule.", "Monday"),
            Tense::Future
        );
        assert_eq!(tense("December", "December"), Tense::Present);
    }
}
