//! Finding knowledge-base phrases in tagged tokens.
//!
//! Phrases are tokenized with the same tokenizer as the text and matched on
//! lowercase, quote-folded token sequences, leftmost-longest. Names of states,
//! places, organisations and people only match capitalised words, and short
//! all-capital acronyms (`US`, `UN`, `PKK`) only match exactly, so that "us",
//! "was" or "gas" never become actors.

use super::source::Phrase;
use super::{ActorCode, KbStats, Role};
use crate::text::tag::Tagged;
use std::collections::HashMap;
use std::ops::Range;

/// What a matched phrase denotes.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// A country's name ("Azerbaijan").
    Country {
        /// ISO 3166 alpha-3 code.
        iso3: String,
    },
    /// A country's adjective or demonym ("Azerbaijani", "Armenians").
    Demonym {
        /// ISO 3166 alpha-3 code.
        iso3: String,
    },
    /// A capital, used as a metonym for the government ("Baku").
    Capital {
        /// ISO 3166 alpha-3 code.
        iso3: String,
    },
    /// A contested or self-declared region ("Nagorno-Karabakh", "Crimea").
    Region {
        /// ISO3 of the state it is coded in as a place.
        iso3: String,
        /// Code of its de facto authorities when they act.
        code: ActorCode,
    },
    /// A role word giving a sector ("foreign minister", "troops").
    Agent {
        /// Sector code.
        sector: String,
        /// Head noun in the singular ("minister"), for "the two ministers".
        head: String,
        /// True for plural forms.
        plural: bool,
    },
    /// A named organisation with a fixed code ("State Department").
    Org {
        /// Actor code.
        code: ActorCode,
    },
    /// An ethnic group ("Kurds", "Tamil"): a [`MentionKind::Demonym`] of
    /// each state it lives in, the main one first; the coder picks one per
    /// story.
    Ethnic {
        /// One demonym reading per home state.
        homes: Vec<MentionKind>,
    },
    /// A named person with date-bounded roles.
    Person {
        /// The person's full name.
        name: String,
        /// Roles, in file order.
        roles: Vec<Role>,
    },
}

impl MentionKind {
    /// A short description for traces and `dyad kb lookup`.
    pub fn describe(&self) -> String {
        match self {
            MentionKind::Country { iso3 } => format!("country {iso3}"),
            MentionKind::Demonym { iso3 } => format!("demonym {iso3}"),
            MentionKind::Capital { iso3 } => format!("capital {iso3} (→ {iso3}GOV)"),
            MentionKind::Region { iso3, code } => {
                format!("region in {iso3} (a place; its authorities act as {code})")
            }
            MentionKind::Agent {
                sector,
                head,
                plural,
            } => format!(
                "role {sector} ({head}{})",
                if *plural { ", plural" } else { "" }
            ),
            MentionKind::Org { code } => format!("organisation {code}"),
            MentionKind::Ethnic { homes } => {
                let states: Vec<String> = homes.iter().map(MentionKind::describe).collect();
                format!("ethnic group ({})", states.join(", "))
            }
            MentionKind::Person { name, roles } => {
                format!("person {name} ({} role(s))", roles.len())
            }
        }
    }

    /// Precedence when two entries match the same words: organisations and
    /// people over states, states over their capitals and adjectives.
    fn rank(&self) -> u8 {
        match self {
            MentionKind::Org { .. } => 8,
            MentionKind::Person { .. } => 7,
            MentionKind::Country { .. } => 6,
            MentionKind::Region { .. } => 5,
            MentionKind::Capital { .. } => 4,
            MentionKind::Demonym { .. } | MentionKind::Ethnic { .. } => 2,
            MentionKind::Agent { .. } => 1,
        }
    }
}

/// English words that are also acronyms in the knowledge base.
const COMMON_WORDS: &[&str] = &[
    "who", "us", "it", "is", "as", "in", "on", "at", "or", "an", "am", "be", "do", "he", "me",
    "my", "no", "of", "so", "to", "up", "we", "all", "one", "can", "may", "war", "aid", "cap",
    "ban", "act",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Any case ("foreign minister", "Foreign Minister").
    Any,
    /// First letter of the first word uppercase.
    Capitalized,
    /// Exactly as written (short acronyms).
    Exact,
    /// Exactly as written, or in title case as British style writes an
    /// acronym said as a word ("NATO" or "Nato", "FARC" or "Farc").
    Acronym,
}

/// Acronyms whose title-case form is a common word or name ("Pace",
/// "Arena", "Sana'a", "Sadr City"): matched only as written.
const TITLE_CASE_COLLISIONS: &[&str] = &[
    "ALBA", "AMIS", "ARENA", "JANA", "KUNA", "PACE", "SADR", "SANA", "WAFA",
];

/// Where a lexicon entry was defined: a source file (index into the
/// knowledge base's list of loaded files) and a line (0 when unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Origin {
    /// Index of the file in load order.
    pub file: u32,
    /// 1-based line, 0 when unknown.
    pub line: u32,
}

#[derive(Debug, Clone)]
struct Entry {
    words: Vec<String>,
    surface: Vec<String>,
    case: CaseRule,
    kind: MentionKind,
    origin: Origin,
}

/// A phrase of the knowledge base found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention<'kb> {
    /// Token indices (relative to the sentence) covered by the phrase.
    pub tokens: Range<usize>,
    /// What the phrase denotes.
    pub kind: &'kb MentionKind,
    /// Where the entry was defined.
    pub origin: Origin,
    /// True when `kind` is the home state the coder chose for an ethnic
    /// group's name.
    pub ethnic: bool,
}

/// The phrase dictionary, indexed by first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    entries: Vec<Entry>,
    by_first: HashMap<String, Vec<u32>>,
    people: HashMap<String, usize>,
}

impl Lexicon {
    /// Adds a name-like phrase (country, place, organisation). Names only
    /// match capitalised words; short all-capital acronyms match as written,
    /// those of four or five letters also in title case ("Nato").
    pub fn add(&mut self, phrase: &Phrase, kind: MentionKind, origin: Origin) {
        let surface = &phrase.words;
        if surface.is_empty() {
            return;
        }
        let short_acronym = surface.len() == 1
            && surface[0].chars().count() <= 5
            && surface[0].chars().all(|c| c.is_ascii_uppercase());
        let case = if !short_acronym {
            CaseRule::Capitalized
        } else if surface[0].len() >= 4 && !TITLE_CASE_COLLISIONS.contains(&surface[0].as_str()) {
            CaseRule::Acronym
        } else {
            CaseRule::Exact
        };
        self.push(surface.clone(), case, kind, origin);
    }

    /// Adds a phrase matched in any case: an organisation named by a
    /// common-noun phrase ("multinational force").
    pub fn add_any_case(&mut self, phrase: &Phrase, kind: MentionKind, origin: Origin) {
        if !phrase.words.is_empty() {
            self.push(phrase.words.clone(), CaseRule::Any, kind, origin);
        }
    }

    /// Adds a sector agent phrase with its head noun in the singular and
    /// its number: matched in any case, but an acronym written with
    /// capitals ("NGO") only as written, so that a name ("Ngo") is not it.
    pub fn add_agent(
        &mut self,
        phrase: &Phrase,
        sector: &str,
        head: &str,
        plural: bool,
        origin: Origin,
    ) {
        if phrase.words.is_empty() {
            return;
        }
        let kind = MentionKind::Agent {
            sector: sector.to_string(),
            head: head.to_string(),
            plural,
        };
        let acronym = phrase
            .words
            .iter()
            .any(|w| w.chars().any(char::is_uppercase));
        let case = if acronym {
            CaseRule::Exact
        } else {
            CaseRule::Any
        };
        self.push(phrase.words.clone(), case, kind, origin);
    }

    /// Adds a name with all its dated roles at once (legacy actors with
    /// date-restricted codes); unlike [`Lexicon::add_role`] nothing merges.
    pub fn add_person(
        &mut self,
        phrase: &Phrase,
        canonical: &str,
        roles: Vec<Role>,
        origin: Origin,
    ) {
        if phrase.words.is_empty() || roles.is_empty() {
            return;
        }
        let kind = MentionKind::Person {
            name: canonical.to_string(),
            roles,
        };
        self.push(phrase.words.clone(), CaseRule::Capitalized, kind, origin);
    }

    /// Adds a person's name with one role; several lines for one canonical name merge.
    pub fn add_role(&mut self, phrase: &Phrase, canonical: &str, role: Role, origin: Origin) {
        if phrase.words.is_empty() {
            return;
        }
        // One entry per phrase: a name that several people bear in turn
        // gathers all their roles, and the date picks the holder.
        let key = phrase.key();
        if let Some(&idx) = self.people.get(&key) {
            if let MentionKind::Person { roles, .. } = &mut self.entries[idx].kind {
                roles.push(role);
            }
            return;
        }
        self.people.insert(key, self.entries.len());
        let kind = MentionKind::Person {
            name: canonical.to_string(),
            roles: vec![role],
        };
        self.push(phrase.words.clone(), CaseRule::Capitalized, kind, origin);
    }

    fn push(&mut self, surface: Vec<String>, case: CaseRule, kind: MentionKind, origin: Origin) {
        let words: Vec<String> = surface.iter().map(|w| w.to_lowercase()).collect();
        let idx = self.entries.len() as u32;
        self.by_first.entry(words[0].clone()).or_default().push(idx);
        self.entries.push(Entry {
            words,
            surface,
            case,
            kind,
            origin,
        });
    }

    /// Orders every index bucket longest-first, then by precedence, then latest-added first.
    pub fn finish(&mut self) {
        let entries = &self.entries;
        for list in self.by_first.values_mut() {
            list.sort_by(|&a, &b| {
                let (ea, eb) = (&entries[a as usize], &entries[b as usize]);
                eb.words
                    .len()
                    .cmp(&ea.words.len())
                    .then(eb.kind.rank().cmp(&ea.kind.rank()))
                    .then(b.cmp(&a))
            });
            list.dedup();
        }
    }

    fn entry_matches(entry: &Entry, tokens: &[Tagged], at: usize) -> bool {
        /// Starts with a capital, also after a lowercase Arabic article
        /// ("al-Qaeda", "el-Sisi", "ash-Sham").
        fn capitalised(word: &str) -> bool {
            let rest = match word.split_once('-') {
                Some((article, rest))
                    if (1..=3).contains(&article.len())
                        && article.chars().all(|c| c.is_ascii_lowercase()) =>
                {
                    rest
                }
                _ => word,
            };
            rest.chars().next().is_some_and(|c| !c.is_lowercase())
        }
        let n = entry.words.len();
        if at + n > tokens.len() {
            return false;
        }
        let window = &tokens[at..at + n];
        if !window.iter().zip(&entry.words).all(|(t, w)| &t.lower == w) {
            return false;
        }
        match entry.case {
            CaseRule::Any => true,
            CaseRule::Capitalized => {
                // A name written with its article ("the West") matches
                // "the" in lowercase, like "the" inside names; other words
                // must be capitalised.
                let article = entry.surface[0] == "the";
                // Such a name, and a region's adjective, do not start a
                // longer name ("the West Bank", "Western Australia",
                // "Asian Development Fund").
                let region = matches!(&entry.kind, MentionKind::Org { code } if code.is_region());
                let longer_name = || tokens.get(at + n).is_some_and(|t| capitalised(&t.word));
                (capitalised(&window[0].word) || article)
                    && !((article || region) && longer_name())
                    && window.iter().zip(&entry.surface).all(|(t, s)| {
                        !s.chars().next().is_some_and(char::is_uppercase) || capitalised(&t.word)
                    })
            }
            CaseRule::Exact => window.iter().zip(&entry.surface).all(|(t, s)| &t.word == s),
            CaseRule::Acronym => window.iter().zip(&entry.surface).all(|(t, s)| {
                let mut cs = t.word.chars();
                &t.word == s
                    || cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
            }),
        }
    }

    /// Finds phrases in one sentence's tokens, leftmost-longest, without overlaps.
    pub fn find<'kb>(&'kb self, tokens: &[Tagged]) -> Vec<Mention<'kb>> {
        // In ALL-CAPS text an acronym that is also an English word ("WHO",
        // "US", "IT") cannot be told from the word, so it does not match.
        let letters = tokens
            .iter()
            .flat_map(|t| t.word.chars())
            .filter(|c| c.is_alphabetic());
        let (upper, total) = letters.fold((0usize, 0usize), |(u, n), c| {
            (u + usize::from(c.is_uppercase()), n + 1)
        });
        let all_caps = total >= 12 && upper * 10 >= total * 9;
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let hit = self.by_first.get(&tokens[i].lower).and_then(|list| {
                list.iter()
                    .map(|&idx| &self.entries[idx as usize])
                    .filter(|e| {
                        !(all_caps
                            && e.case == CaseRule::Exact
                            && COMMON_WORDS.contains(&e.words[0].as_str()))
                    })
                    .find(|e| Self::entry_matches(e, tokens, i))
            });
            match hit.or_else(|| self.leader_of(&tokens[i])) {
                Some(e) => {
                    out.push(Mention {
                        tokens: i..i + e.words.len(),
                        kind: &e.kind,
                        origin: e.origin,
                        ethnic: false,
                    });
                    i += e.words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// The state named inside a hyphenated "-led" word ("Vietnamese-led
    /// forces", "a Saudi-led coalition"): the country that leads them.
    fn leader_of(&self, token: &Tagged) -> Option<&Entry> {
        let name = token.lower.strip_suffix("-led")?;
        if !token.is_capitalized() {
            return None;
        }
        self.by_first
            .get(name)?
            .iter()
            .map(|&idx| &self.entries[idx as usize])
            .find(|e| {
                e.words.len() == 1
                    && matches!(
                        e.kind,
                        MentionKind::Country { .. } | MentionKind::Demonym { .. }
                    )
            })
    }

    /// Every entry matching at `at`, in precedence order (see [`Lexicon::finish`]).
    pub fn candidates<'kb>(&'kb self, tokens: &[Tagged], at: usize) -> Vec<Mention<'kb>> {
        let Some(first) = tokens.get(at) else {
            return Vec::new();
        };
        self.by_first
            .get(&first.lower)
            .into_iter()
            .flatten()
            .map(|&idx| &self.entries[idx as usize])
            .filter(|e| Self::entry_matches(e, tokens, at))
            .map(|e| Mention {
                tokens: at..at + e.words.len(),
                kind: &e.kind,
                origin: e.origin,
                ethnic: false,
            })
            .collect()
    }

    /// Counts entries by kind.
    pub fn stats(&self) -> KbStats {
        let mut s = KbStats::default();
        // Organisations are counted by their defining line (one line, one body).
        let mut orgs = std::collections::HashSet::new();
        let mut people = std::collections::HashSet::new();
        for e in &self.entries {
            match &e.kind {
                MentionKind::Org { code } => {
                    orgs.insert((e.origin, code.full.starts_with("IGO")));
                }
                MentionKind::Person { name, roles } if people.insert(name.as_str()) => {
                    s.person_roles += roles
                        .iter()
                        .filter(|r| r.holder.as_ref().is_none_or(|h| h == name))
                        .count();
                }
                _ => {}
            }
        }
        s.orgs = orgs.len();
        s.igos = orgs.iter().filter(|(_, igo)| *igo).count();
        s.people = people.len();
        for e in &self.entries {
            match e.kind {
                MentionKind::Country { .. }
                | MentionKind::Demonym { .. }
                | MentionKind::Capital { .. } => s.country_phrases += 1,
                MentionKind::Region { .. } => s.region_phrases += 1,
                MentionKind::Ethnic { .. } => s.ethnic_phrases += 1,
                MentionKind::Agent { .. } => s.agent_phrases += 1,
                MentionKind::Org { .. } => s.org_phrases += 1,
                MentionKind::Person { .. } => s.person_phrases += 1,
            }
        }
        s
    }
}
