//! Loader and matcher tests on small dictionaries written for them.

use super::*;
use crate::{code, Document};

const ACTORS: &str = "\
<!-- A test world.
     Several lines of comment. -->
ARNOR_ [ARN]   # comment
+ARNORIAN
GONDOR [GON] ; old TABARI comment
+MINAS_TIRITH
MORDOR [MOR]
PRINCE OF DOL AMROTH
\t[--- <950630]
\t[DOL]
WA [WAP]
SAM_GAMGEE [HOB]
\t[HOBCIV <20080120]
\t[ORCHOB 20100109-20100112]
\t[HOBMIL 20080120-20121109]
\t[HOBELI >130119]
THE_SHIRE [FRO/BIL/SAM]
BOROMIR [---]
NOCODE
\t[ZZZ 20101301-20101302]
\t[ZZZ 20100105-20100101]
\t[ZZZ ~20100101]
\t[ZZZ
";

const AGENTS: &str = "\
!PERSON! = MAN, MEN
FOREIGN_MINISTER [~GOVFRM]
AUTHORITY [~GOV]
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
CONGRESS!PERSON! [~LEG]
MSF {} [NGO~]
BADAGENT [GOV]
!NOPE!_OF_THINGS [~GOV]
";

const VERBS: &str = "\
&TIETYPES
+MILITARY
+ECONOMIC

&CURRENCY_
+SWISS FRANCS
+&TIETYPES

--- ABANDON [345] ---
ABANDON
- * DIPLOMATIC_TIES [901]
- * &TIETYPES TIES [902]
- * EFFORT [---]
- * {A | B} [999]
- * &UNDEFINED [998]
- * UNCLOSED [031

--- MEET [031] ---
MEET {MEETS MET MEETING}

--- VISIT [032:033] ---
VISIT

--- REGRET [111] ---
REGRET
- NOTED + * [115]

--- FREE [066] ---
FREE
- + * FROM $ [067]

--- ATTACK [190] ---
ATTACK

--- EXCLUDE [172] ---
EXCLUDE
+CORDON_OFF [1721]

--- AGREE [081] ---
AGREE
- % * [030:030]

--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [903]
";

const DISCARDS: &str = "\
BASEBALL
+TYPHOON   # story
BALL_GAME_
";

fn kb() -> (KnowledgeBase, LegacyReport) {
    let mut kb = KnowledgeBase::empty();
    let mut r = load_str(&mut kb, "test.actors.txt", ACTORS, LegacyKind::Actors);
    r.merge(load_str(
        &mut kb,
        "test.agents.txt",
        AGENTS,
        LegacyKind::Agents,
    ));
    r.merge(load_str(
        &mut kb,
        "test.verbs.txt",
        VERBS,
        LegacyKind::Verbs,
    ));
    r.merge(load_str(
        &mut kb,
        "test.discards.txt",
        DISCARDS,
        LegacyKind::Discards,
    ));
    (kb, r)
}

fn triples(kb: &KnowledgeBase, text: &str, date: &str) -> Vec<(String, String, String)> {
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        published: Some(date.parse().expect("test date")),
        ..Default::default()
    };
    let mut v: Vec<_> = code(&doc, kb)
        .into_iter()
        .map(|e| {
            (
                e.source.code,
                e.target.map_or_else(|| "---".into(), |t| t.code),
                e.cameo,
            )
        })
        .collect();
    v.sort();
    v
}

fn t(s: &str, tg: &str, c: &str) -> (String, String, String) {
    (s.into(), tg.into(), c.into())
}

#[test]
fn report_counts() {
    let (_, r) = kb();
    assert_eq!(r.actors, 9, "{r}");
    assert_eq!(r.synonyms, 2);
    assert_eq!(r.dated_codes, 5);
    assert_eq!(r.multi_code_actors, 1);
    assert_eq!(r.null_actors, 1);
    assert_eq!(r.agents, 6);
    assert_eq!(r.prefix_agents, 1);
    assert_eq!(r.substitution_sets, 1);
    // FOREIGN_MINISTER(S), AUTHORITY/AUTHORITIES, POLICE, ATTORNEY(S)_GENERAL,
    // CONGRESSMAN, CONGRESSMEN, MSF.
    assert_eq!(r.agent_phrases, 10);
    assert_eq!(r.synsets, 2);
    assert_eq!(r.verbs, 10);
    assert_eq!(r.patterns_converted, 7);
    assert_eq!(r.patterns_skipped.get("malformed pattern line"), Some(&1));
    assert_eq!(r.patterns_skipped.get("TABARI {…} disjunction"), Some(&1));
    assert_eq!(r.patterns_skipped.get("undefined synset"), Some(&1));
    assert_eq!(r.sentence_discards, 2);
    assert_eq!(r.story_discards, 1);
    assert!(r.to_string().contains("date-restricted codes"));
}

#[test]
fn malformed_lines_are_warnings_with_file_and_line() {
    let (_, r) = kb();
    let at = |file: &str, line: usize| r.warnings.iter().any(|w| w.file == file && w.line == line);
    let listed: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    // Bad day, end before start, bad restriction, unclosed bracket.
    for line in [19, 20, 21, 22] {
        assert!(
            at("test.actors.txt", line),
            "actors line {line}: {listed:?}"
        );
    }
    assert!(at("test.agents.txt", 8), "{listed:?}");
    assert!(at("test.agents.txt", 9), "{listed:?}");
    assert!(at("test.verbs.txt", 15), "{listed:?}");
    assert!(listed.iter().any(|w| w.starts_with("test.actors.txt:19: ")));
}

#[test]
fn dated_codes_switch_on_inclusive_boundary_days() {
    let (kb, _) = kb();
    let src = |date: &str| {
        triples(&kb, "Sam Gamgee met Gondor.", date)
            .first()
            .map(|x| x.0.clone())
    };
    assert_eq!(src("2008-01-19").as_deref(), Some("HOBCIV"));
    assert_eq!(src("2008-01-20").as_deref(), Some("HOBCIV"));
    assert_eq!(src("2008-01-21").as_deref(), Some("HOBMIL"));
    assert_eq!(src("2010-01-09").as_deref(), Some("ORCHOB"));
    assert_eq!(src("2010-01-12").as_deref(), Some("ORCHOB"));
    assert_eq!(src("2010-01-13").as_deref(), Some("HOBMIL"));
    assert_eq!(src("2012-12-01").as_deref(), Some("HOB"));
    // YYMMDD: 130119 is 2013-01-19, inclusive.
    assert_eq!(src("2013-01-19").as_deref(), Some("HOBELI"));
    // A null period: not an actor before 1995-06-30 (inclusive).
    let dol = |date: &str| triples(&kb, "The Prince of Dol Amroth met Gondor.", date);
    assert!(dol("1995-06-30").is_empty());
    assert_eq!(dol("1995-07-01"), [t("DOL", "GON", "031")]);
}

#[test]
fn names_match_news_case_but_not_common_words() {
    let (kb, _) = kb();
    assert_eq!(
        triples(&kb, "Minas Tirith met Arnorian officials.", "2000-01-01")
            .first()
            .map(|x| x.0.as_str()),
        Some("GON")
    );
    // The acronym WA matches only in capitals: "was" is no actor.
    assert!(triples(&kb, "Wa met Gondor.", "2000-01-01").is_empty());
    assert_eq!(
        triples(&kb, "WA met Gondor.", "2000-01-01"),
        [t("WAP", "GON", "031")]
    );
    // Several codes: the first; a null code: no actor.
    assert_eq!(
        triples(&kb, "The Shire met Gondor.", "2000-01-01"),
        [t("FRO", "GON", "031")]
    );
    assert!(triples(&kb, "Boromir met Gondor.", "2000-01-01").is_empty());
}

#[test]
fn agents_with_plurals_substitutions_and_prefix_codes() {
    let (kb, _) = kb();
    let d = "2000-01-01";
    assert_eq!(
        triples(&kb, "The Gondor authorities met Arnor.", d),
        [t("GONGOV", "ARN", "031")]
    );
    assert_eq!(
        triples(&kb, "Gondor's foreign minister met Arnor.", d),
        [t("GONGOVFRM", "ARN", "031")]
    );
    assert_eq!(
        triples(&kb, "Gondor congressmen met Arnor.", d),
        [t("GONLEG", "ARN", "031")]
    );
    assert_eq!(
        triples(&kb, "Gondor's attorneys general met Arnor.", d),
        [t("GONJUD", "ARN", "031")]
    );
    assert_eq!(
        triples(&kb, "The Arnor MSF met Gondor.", d),
        [t("NGOARN", "GON", "031")]
    );
}

#[test]
fn converted_patterns_gaps_adjacency_and_synsets() {
    let (kb, _) = kb();
    let d = "2000-01-01";
    assert_eq!(
        triples(&kb, "Arnor abandoned diplomatic ties with Gondor.", d),
        [t("ARN", "GON", "901")]
    );
    // `&TIETYPES TIES`: a gap is allowed; `DIPLOMATIC_TIES` needs adjacency.
    assert_eq!(
        triples(
            &kb,
            "Arnor abandoned diplomatic and military ties with Gondor.",
            d
        ),
        [t("ARN", "GON", "902")]
    );
    // Synset members get plurals.
    assert_eq!(
        triples(&kb, "Arnor abandoned economics ties with Gondor.", d),
        [t("ARN", "GON", "902")]
    );
    // The bare verb; a null-coded pattern gives nothing.
    assert_eq!(
        triples(&kb, "Arnor abandoned Gondor.", d),
        [t("ARN", "GON", "345")]
    );
    assert!(triples(&kb, "Arnor abandoned the effort with Gondor.", d).is_empty());
    // Nested synset of a no-plural synset: multi-word members and included members.
    assert_eq!(
        triples(&kb, "Arnor contributed swiss francs to Gondor.", d),
        [t("ARN", "GON", "903")]
    );
    assert_eq!(
        triples(&kb, "Arnor contributed military aid to Gondor.", d),
        [t("ARN", "GON", "903")]
    );
    assert_eq!(
        triples(&kb, "Arnor contributed swiss franc to Gondor.", d),
        [t("ARN", "GON", "070")]
    );
}

#[test]
fn converted_patterns_roles_pairs_and_verb_forms() {
    let (kb, _) = kb();
    let d = "2000-01-01";
    // Paired code.
    assert_eq!(
        triples(&kb, "Arnor visited Gondor.", d),
        [t("ARN", "GON", "032"), t("GON", "ARN", "033")]
    );
    // Words before the verb, `+` before it: the source is the outer subject.
    assert_eq!(
        triples(&kb, "Gondor noted that Arnor regretted the decision.", d),
        [t("GON", "ARN", "115")]
    );
    // `+` before and `$` after the verb fix the roles in a passive clause.
    assert_eq!(
        triples(&kb, "Arnor was freed from Mordor.", d),
        [t("MOR", "ARN", "067")]
    );
    assert_eq!(
        triples(&kb, "Gondor freed Arnor.", d),
        [t("GON", "ARN", "066")]
    );
    // Passive with a `by` agent.
    assert_eq!(
        triples(&kb, "Arnor was attacked by Gondor.", d),
        [t("GON", "ARN", "190")]
    );
    // Multi-word verb.
    assert_eq!(
        triples(&kb, "Gondor cordoned off Mordor.", d),
        [t("GON", "MOR", "1721")]
    );
    // Listed forms only: "meeted" is not a form of MEET.
    assert!(triples(&kb, "Arnor meeted Gondor.", d).is_empty());
    // `%`: a compound subject acting reciprocally.
    assert_eq!(
        triples(&kb, "Arnor and Gondor agree.", d),
        [t("ARN", "GON", "030"), t("GON", "ARN", "030")]
    );
}

#[test]
fn discards_drop_sentences_and_stories() {
    let (kb, _) = kb();
    let d = "2000-01-01";
    assert!(triples(&kb, "Arnor attacked Gondor at the baseball stadium.", d).is_empty());
    // The last word is a stem unless it ends in `_`.
    assert!(triples(&kb, "Arnor attacked Gondor after baseballs flew.", d).is_empty());
    assert_eq!(
        triples(&kb, "Arnor attacked Gondor at the ball games.", d),
        [t("ARN", "GON", "190")]
    );
    assert!(triples(&kb, "Arnor attacked Gondor at the ball game.", d).is_empty());
    // A story discard anywhere drops every sentence.
    assert!(triples(&kb, "Arnor attacked Gondor. A typhoon hit Mordor later.", d).is_empty());
    assert_eq!(
        triples(&kb, "Arnor attacked Gondor. A storm hit Mordor later.", d),
        [t("ARN", "GON", "190")]
    );
}

#[test]
fn directories_and_kinds() {
    let dir = std::env::temp_dir().join(format!("dyad-legacy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files = [
        ("World.actors.txt", ACTORS),
        ("World.agents.txt", AGENTS),
        ("World.verbpatterns.txt", VERBS),
        ("World.discards.txt", DISCARDS),
        ("CAMEO.2.0.txt", "--- X [010] ---\n"),
        ("notes.md", "hello"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let mut kb = KnowledgeBase::empty();
    let r = load_dir(&mut kb, &dir);
    std::fs::remove_dir_all(&dir).ok();
    let r = r.expect("load_dir");
    assert_eq!(r.files.len(), 4);
    assert_eq!(r.files[0].1, LegacyKind::Actors);
    assert_eq!(r.skipped_files.len(), 2);
    assert!(r
        .skipped_files
        .iter()
        .any(|(f, why)| f.ends_with("CAMEO.2.0.txt") && why.contains("PETRARCH-2")));
    assert_eq!(r.actors, 9);
    assert!(load_file(
        &mut kb,
        Path::new("/nonexistent/x.actors.txt"),
        LegacyKind::Actors
    )
    .is_err());
}

#[test]
fn garbage_never_panics() {
    let junk = [
        "",
        "[",
        "]",
        "[[[]]]",
        "<!--",
        "-->",
        "<! --",
        "+",
        "++",
        "- * [",
        "- *",
        "-",
        "---",
        "--- [",
        "&",
        "&_",
        "!A! =",
        "!A! = ,,",
        "X !A! [~GOV]",
        "{",
        "X { [~GOV]",
        "ÄÖ [ÜÜÜ]",
        "日本 [JPN]",
        "\t[JPN <]",
        "\t[JPN 2020-]",
        "\t[JPN 99999999-99999999]",
        "\t[JPN 1-2]",
        "- $ % ^ + * + $ [1:2:3]",
        "- ** [010]",
        "- * &",
        "+&",
        "#",
        ";",
        "\u{feff}GONDOR [GON]",
    ];
    let text = junk.join("\n");
    for kind in [
        LegacyKind::Actors,
        LegacyKind::Agents,
        LegacyKind::Verbs,
        LegacyKind::Discards,
    ] {
        let mut kb = KnowledgeBase::empty();
        let r = load_str(&mut kb, "junk.txt", &text, kind);
        assert!(r.warnings.iter().all(|w| w.file == "junk.txt"));
        for line in &junk {
            let mut kb = KnowledgeBase::empty();
            load_str(&mut kb, "one.txt", line, kind);
        }
        let _ = triples(&kb, "Gondor met 日本 and ÄÖ. [JPN] - * +", "2000-01-01");
    }
}
