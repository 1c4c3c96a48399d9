//! What the coder remembers while reading a document: people introduced with
//! their roles, the actors mentioned so far, and which countries the story is
//! about. This is what lets "Bayramov" in paragraph six be coded as the
//! Azerbaijani foreign minister introduced in paragraph three.

use super::actors::ActorRef;
use crate::kb::{Place, PlaceFeature};
use std::collections::{HashMap, HashSet};

/// Document-level memory, updated sentence by sentence.
#[derive(Debug, Default)]
pub(crate) struct DocContext {
    /// Person names (full and surname, lowercase) → the actor they denote.
    aliases: HashMap<String, ActorRef>,
    /// Actors mentioned so far, oldest first, with their sentence index.
    recent: Vec<(usize, ActorRef)>,
    /// How often each country is mentioned in the whole document.
    country_counts: HashMap<String, usize>,
    /// Order in which countries are first mentioned.
    country_order: Vec<String>,
    /// How often each country's capital is named (counted in
    /// `country_counts` too).
    capital_counts: HashMap<String, usize>,
    /// Countries of the other places the document names (towns, regions).
    place_counts: HashMap<String, usize>,
    /// Countries in the order the document first points to them, by name or place.
    story_order: Vec<String>,
    /// First-level regions the document names ("Louisiana"), as (country,
    /// region name): they resolve ambiguous town names ("Alexandria").
    regions: HashSet<(String, String)>,
    /// The last two-member coordination ("Azerbaijan and Armenia"), with its sentence.
    last_pair: Option<(usize, [ActorRef; 2])>,
    /// Subject actors of each sentence coded so far.
    subjects: Vec<Vec<ActorRef>>,
    /// Whether a country or capital after "in", "at"… is still an actor
    /// (TABARI/PETRARCH convention, used with their dictionaries) rather
    /// than a place.
    pub places_are_actors: bool,
}

impl DocContext {
    /// Counts a mention of a country's capital (as a mention of the country).
    pub fn count_capital(&mut self, iso3: &str) {
        *self.capital_counts.entry(iso3.to_string()).or_insert(0) += 1;
        self.count_country(iso3);
    }

    /// Takes back a capital's mention that named a town of another country;
    /// a country no longer named leaves the story's order too.
    pub fn uncount_capital(&mut self, iso3: &str) {
        for counts in [&mut self.capital_counts, &mut self.country_counts] {
            if let Some(n) = counts.get_mut(iso3) {
                *n -= 1;
                if *n == 0 {
                    counts.remove(iso3);
                }
            }
        }
        if !self.country_counts.contains_key(iso3) {
            self.country_order.retain(|c| c != iso3);
            if !self.place_counts.contains_key(iso3) {
                self.story_order.retain(|c| c != iso3);
            }
        }
    }

    /// [`DocContext::weight`] without the mentions of the country's capital.
    pub fn weight_without_capital(&self, iso3: &str) -> usize {
        self.weight(iso3) - self.capital_counts.get(iso3).copied().unwrap_or(0)
    }

    /// Counts a country mention (done for the whole document before coding).
    pub fn count_country(&mut self, iso3: &str) {
        let n = self.country_counts.entry(iso3.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            self.country_order.push(iso3.to_string());
            self.note_story_country(iso3);
        }
    }

    /// True when the document mentions the country anywhere.
    pub fn mentions_country(&self, iso3: &str) -> bool {
        self.country_counts.contains_key(iso3)
    }

    /// Notes a first-level region the document names, from the candidates
    /// of a place name (those that are regions).
    pub fn note_regions(&mut self, candidates: &[Place]) {
        for p in candidates
            .iter()
            .filter(|p| p.feature == PlaceFeature::Admin1)
        {
            self.regions.insert((p.iso3.clone(), p.name.clone()));
        }
    }

    /// How much the document favours a candidate place: 2 when it names the
    /// place's region, 1 when it names its country (or a region of it), 0
    /// otherwise.
    pub fn favour(&self, p: &Place) -> u8 {
        let region = p
            .admin1
            .as_ref()
            .is_some_and(|a| self.regions.contains(&(p.iso3.clone(), a.clone())));
        if region {
            2
        } else if self.mentions_country(&p.iso3) || self.regions.iter().any(|(c, _)| *c == p.iso3) {
            1
        } else {
            0
        }
    }

    /// The two countries the story is most about (most mentioned, first
    /// mentioned breaking ties), when the document mentions at least two.
    pub fn main_pair(&self) -> Option<[String; 2]> {
        let mut ranked: Vec<(usize, usize, &String)> = self
            .country_order
            .iter()
            .enumerate()
            .map(|(order, c)| (self.country_counts[c], order, c))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        match ranked.as_slice() {
            [a, b, ..] => Some([a.2.clone(), b.2.clone()]),
            _ => None,
        }
    }

    /// The country the story is most about: the country its country
    /// names, demonyms, capitals and other places point to most often (the
    /// first named breaking ties, as the lead names the story's country first).
    pub fn main_country(&self) -> Option<&str> {
        self.main_country_except("")
    }

    /// The story's main country other than `iso3` ("ethnic Albanians" in a
    /// story about Macedonia live in Macedonia).
    pub fn main_country_except(&self, iso3: &str) -> Option<&str> {
        self.story_order
            .iter()
            .filter(|c| c.as_str() != iso3)
            .enumerate()
            .max_by_key(|(i, c)| (self.weight(c), std::cmp::Reverse(*i)))
            .map(|(_, c)| c.as_str())
    }

    /// How much the story is about a country: the times it names the
    /// country, its people or capital, and its places.
    pub fn weight(&self, iso3: &str) -> usize {
        self.country_counts.get(iso3).copied().unwrap_or(0)
            + self.place_counts.get(iso3).copied().unwrap_or(0)
    }

    /// Which of an ethnic group's home states (main one first) the story is
    /// about: the one it names most, the main home on a tie.
    pub fn ethnic_home<'a>(&self, homes: impl IntoIterator<Item = &'a str>) -> usize {
        homes
            .into_iter()
            .enumerate()
            .max_by_key(|(i, c)| (self.weight(c), std::cmp::Reverse(*i)))
            .map_or(0, |(i, _)| i)
    }

    /// Counts a place the document names whose country is not in doubt.
    pub fn count_place_country(&mut self, iso3: &str) {
        *self.place_counts.entry(iso3.to_string()).or_insert(0) += 1;
        self.note_story_country(iso3);
    }

    /// Keeps the order in which the document first points to a country.
    fn note_story_country(&mut self, iso3: &str) {
        if !self.story_order.iter().any(|c| c == iso3) {
            self.story_order.push(iso3.to_string());
        }
    }

    /// Registers a person's name (and surname) for an actor.
    pub fn add_alias(&mut self, name: &str, actor: &ActorRef) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let mut with_name = actor.clone();
        with_name.name = Some(name.to_string());
        self.aliases.insert(name.to_lowercase(), with_name.clone());
        if let Some(surname) = name.split_whitespace().last() {
            if surname.len() > 2 && surname != name {
                self.aliases
                    .entry(surname.to_lowercase())
                    .or_insert(with_name);
            }
        }
    }

    /// The actor a person name refers to, if introduced earlier.
    pub fn alias(&self, name: &str) -> Option<&ActorRef> {
        self.aliases.get(&name.trim().to_lowercase())
    }

    /// Records an actor mentioned in sentence `sentence`.
    pub fn mention(&mut self, sentence: usize, actor: &ActorRef) {
        self.recent.push((sentence, actor.clone()));
    }

    /// Records a two-member coordination.
    pub fn pair(&mut self, sentence: usize, a: &ActorRef, b: &ActorRef) {
        self.last_pair = Some((sentence, [a.clone(), b.clone()]));
    }

    /// Records the subjects of a sentence.
    pub fn subjects(&mut self, sentence: usize, actors: Vec<ActorRef>) {
        if self.subjects.len() <= sentence {
            self.subjects.resize(sentence + 1, Vec::new());
        }
        self.subjects[sentence] = actors;
    }

    /// The most recent actor whose role head is `head` ("the ambassador").
    pub fn last_with_head(&self, head: &str) -> Option<&ActorRef> {
        self.recent
            .iter()
            .rev()
            .map(|(_, a)| a)
            .find(|a| a.head.as_deref() == Some(head) && a.code.country.is_some())
    }

    /// The two most recent distinct actors whose role head is `head` ("the two ministers").
    pub fn last_two_with_head(&self, head: &str) -> Option<[ActorRef; 2]> {
        let mut found: Vec<&ActorRef> = Vec::new();
        for (_, a) in self.recent.iter().rev() {
            if a.head.as_deref() == Some(head)
                && a.code.country.is_some()
                && !found.iter().any(|f| f.code == a.code)
            {
                found.push(a);
                if found.len() == 2 {
                    return Some([found[1].clone(), found[0].clone()]);
                }
            }
        }
        None
    }

    /// The two sides of a reciprocal expression ("each side … the other",
    /// "both sides", "the two countries"): the last coordinated pair within
    /// the previous two sentences, else the document's two main countries.
    pub fn sides(&self, sentence: usize) -> Option<[ActorRef; 2]> {
        if let Some((s, pair)) = &self.last_pair {
            if sentence.saturating_sub(*s) <= 1 {
                return Some(pair.clone());
            }
        }
        self.main_pair()
            .map(|[a, b]| [ActorRef::country(&a), ActorRef::country(&b)])
    }

    /// The country in focus for "the country's …": the country of the
    /// subject of the current sentence (when already known), else of the
    /// previous sentence's subject, else the most mentioned country.
    pub fn focus_country(
        &self,
        current_subject: Option<&ActorRef>,
        sentence: usize,
    ) -> Option<String> {
        if let Some(c) = current_subject.and_then(|a| a.code.country.clone()) {
            return Some(c);
        }
        if let Some(prev) = sentence.checked_sub(1).and_then(|p| self.subjects.get(p)) {
            if let Some(c) = prev.iter().find_map(|a| a.code.country.clone()) {
                return Some(c);
            }
        }
        self.main_pair().map(|[a, _]| a)
    }

    /// The person a pronoun ("he", "she") most likely refers to: a named
    /// subject of the previous sentence.
    pub fn pronoun(&self, sentence: usize) -> Option<&ActorRef> {
        let prev = self.subjects.get(sentence.checked_sub(1)?)?;
        match prev.as_slice() {
            [one] if one.name.is_some() => Some(one),
            _ => None,
        }
    }
}
