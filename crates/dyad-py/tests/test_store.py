"""Tests of dyad.Store in the installed wheel: ingest, query, trend, errors."""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import subprocess
import threading
from pathlib import Path

import dyad
import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

# Made-up articles: (id, date, text). 2020-10-05 is a Monday.
ARTICLES = [
    ("jpn-1", "2020-10-07", "Japan praised the United States."),  # JPN→USA 051, quad 1
    ("usa-2", "2020-10-21", "The United States imposed sanctions on Japan."),  # USA→JPN 163, quad 4
    ("arm-3", "2020-10-08", "Armenian forces attacked Azerbaijan."),  # ARMMIL→AZE 190, quad 4
    ("aze-4", "2020-10-09", "Azerbaijan accused Armenia of shelling civilians."),  # AZE→ARM 1123
    ("fra-5", "2020-10-07", "France signed an agreement with Germany."),  # FRA→DEU 057
]


def docs() -> list[dict[str, str]]:
    return [{"id": i, "date": d, "text": t, "source": "wire"} for i, d, t in ARTICLES]


@pytest.fixture()
def store(tmp_path: Path) -> dyad.Store:
    s = dyad.Store(tmp_path / "events.db")
    s.ingest(docs())
    yield s
    s.close()


# --- ingest ---------------------------------------------------------------


def test_ingest_twice_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with dyad.Store(path) as s:
        first = s.ingest(docs())
        assert first["documents_added"] == 5
        assert first["documents_skipped"] == 0
        assert first["events_added"] == 5
        assert first["clusters_added"] == 5
        counts = s.counts()
        assert counts["documents"] == 5 and counts["events"] == 5
        second = s.ingest(docs())
        assert second == {
            "documents_added": 0,
            "documents_skipped": 5,
            "documents_changed": 0,
            "events_added": 0,
            "clusters_added": 0,
        }
        assert s.counts()["events"] == 5
        assert s.counts()["runs"] == 2 and s.counts()["unfinished_runs"] == 0
    # Reopened: still the same content, and still idempotent.
    with dyad.Store(str(path)) as s:
        assert s.ingest(docs())["documents_added"] == 0
        assert len(s.query()) == 5


def test_ingest_plain_texts_get_content_ids(tmp_path: Path) -> None:
    with dyad.Store(tmp_path / "t.db") as s:
        texts = ["Turkey condemned Russia on Monday.", "Russia praised Turkey."]
        out = s.ingest(texts, dates="2020-10-07")
        assert out["documents_added"] == 2 and out["events_added"] == 2
        assert s.ingest(texts, dates="2020-10-07")["documents_skipped"] == 2
        df = s.query(dyad="TUR,RUS")
        assert len(df) == 2
        assert all(d.startswith("sha256:") for d in df["doc_id"])
        # "on Monday" dates the event on the Monday before the publication date.
        assert sorted(df["date"]) == [datetime.date(2020, 10, 5), datetime.date(2020, 10, 7)]


def test_ingest_dates_and_ids_arguments(tmp_path: Path) -> None:
    with dyad.Store(tmp_path / "t.db") as s:
        texts = [t for _, _, t in ARTICLES]
        out = s.ingest(
            texts,
            dates=[datetime.date(2020, 10, 7), "2020-10-21", None, "2020-10-09", "2020-10-07"],
            ids=[1, "two", 3, 4, 5],
        )
        assert out["documents_added"] == 5
        df = s.query(source="USA")
        assert list(df["doc_id"]) == ["two"]
        assert df["published"][0] == datetime.date(2020, 10, 21)
        assert pd.isna(df["publisher"][0])
        # Undated document: its event is undated and sorts last.
        assert pd.isna(s.query()["date"].iloc[-1])
        # A dict's own id and date win over ids= and dates=.
        out = s.ingest([{"id": "own", "text": "Russia praised Turkey.", "date": "2021-01-04"}],
                       dates="2000-01-01", ids=["other"])
        assert out["documents_added"] == 1
        row = s.query(dyad=("RUS", "TUR"))
        assert list(row["doc_id"]) == ["own"]
        assert row["published"][0] == datetime.date(2021, 1, 4)


def test_ingest_changed_text_is_kept_as_stored(store: dyad.Store) -> None:
    out = store.ingest([{"id": "jpn-1", "text": "Japan criticized the United States."}])
    assert out["documents_added"] == 0
    assert out["documents_skipped"] == 1
    assert out["documents_changed"] == 1
    assert list(store.query(dyad="JPN,USA", root=5)["cameo"]) == ["051"]


def test_ingest_from_threads(tmp_path: Path) -> None:
    s = dyad.Store(tmp_path / "t.db")
    results = []

    def work(k: int) -> None:
        results.append(s.ingest([f"Japan praised the United States. ({k})"], dates="2020-10-07"))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r["documents_added"] for r in results) == 4
    assert s.counts()["documents"] == 4
    s.close()


# --- query ----------------------------------------------------------------


def test_query_columns_and_types(store: dyad.Store) -> None:
    df = store.query()
    assert isinstance(df, pd.DataFrame)
    assert tuple(df.columns) == dyad.COLUMNS + dyad.STORE_COLUMNS
    assert len(df) == 5
    # Date order, then storage order.
    assert list(df["date"]) == sorted(df["date"])
    batch = store.query(as_pandas=False)
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema.field("date").type == pa.date32()
    assert batch.schema.field("published").type == pa.date32()
    assert batch.schema.field("quad_class").type == pa.int32()
    assert batch.schema.field("num_mentions").type == pa.int64()
    assert batch.schema.field("goldstein").type == pa.float64()
    for name, _ in dyad._dyad.SCHEMA_FIELDS:
        assert batch.schema.field(name).type == dyad.schema().field(name).type
    rec = store.query(dyad=("JPN", "USA"), root="05").iloc[0]
    assert (rec["source.code"], rec["target.code"], rec["cameo"]) == ("JPN", "USA", "051")
    assert rec["doc_id"] == "jpn-1" and rec["publisher"] == "wire"
    assert rec["num_mentions"] == 1 and rec["kb_version"] == dyad.default_knowledge_base().version


def test_query_events_equal_code(store: dyad.Store) -> None:
    df = store.query(dyad="AZE,ARM", root=11)
    events = dyad.code(ARTICLES[3][2], date=ARTICLES[3][1], id="aze-4", source="wire")
    assert list(df["id"]) == [e["id"] for e in events]
    assert list(df["evidence.trigger"]) == [e["evidence"]["trigger"] for e in events]


def test_query_filters(store: dyad.Store) -> None:
    def ids(**kw) -> list[str]:
        return sorted(store.query(**kw)["doc_id"])

    assert ids(dyad=("AZE", "ARM")) == ["arm-3", "aze-4"]
    assert ids(dyad=["arm", "aze"]) == ["arm-3", "aze-4"]
    assert ids(dyad="ARM,AZE") == ["arm-3", "aze-4"]
    assert ids(root=19) == ["arm-3"]
    assert ids(root="19") == ["arm-3"]
    assert ids(root=[11, "19"]) == ["arm-3", "aze-4"]
    assert ids(root="11,19", dyad=("AZE", "ARM")) == ["arm-3", "aze-4"]
    assert ids(dyad=("JPN", "USA"), root=[19]) == []
    assert ids(source="ARM") == ["arm-3"]  # ARMMIL: country ARM
    assert ids(source="ARMMIL") == ["arm-3"]
    assert ids(target="JPN") == ["usa-2"]
    assert ids(cameo="11") == ["aze-4"]
    assert ids(quad=4) == ["arm-3", "usa-2"]
    assert ids(quad=[1, 2]) == ["fra-5", "jpn-1"]
    assert ids(start="2020-10-09") == ["aze-4", "usa-2"]
    assert ids(start=datetime.date(2020, 10, 8), end="2020-10-09") == ["arm-3", "aze-4"]
    assert len(store.query(limit=2)) == 2
    assert len(store.query(limit=0)) == 0
    assert len(store.query(dyad=("JPN", "USA"), dedup="none")) == 2
    assert len(store.query(dedup="one-a-day")) == 5
    empty = store.query(source="CHN")
    assert len(empty) == 0
    assert tuple(empty.columns) == dyad.COLUMNS + dyad.STORE_COLUMNS


def test_query_equals_cli(store: dyad.Store, dyad_bin: Path) -> None:
    out = subprocess.run(
        [str(dyad_bin), "query", "--db", store.path, "--dyad", "AZE,ARM", "--format", "jsonl"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cli = [json.loads(line) for line in out.splitlines() if line.strip()]
    df = store.query(dyad="AZE,ARM")
    assert [e["id"] for e in cli] == list(df["id"])
    assert [e["cluster_id"] for e in cli] == list(df["cluster_id"])


# --- trend ----------------------------------------------------------------


def test_trend_weeks(store: dyad.Store) -> None:
    df = store.trend(("JPN", "USA"), by="week")
    assert tuple(df.columns) == dyad.TREND_COLUMNS
    assert list(df["period"]) == ["2020-10-05", "2020-10-12", "2020-10-19"]
    assert list(df["start"]) == [
        datetime.date(2020, 10, 5),
        datetime.date(2020, 10, 12),
        datetime.date(2020, 10, 19),
    ]
    assert list(df["verbal_coop"]) == [1, 0, 0]
    assert list(df["material_conflict"]) == [0, 0, 1]
    assert list(df["total"]) == [1, 0, 1]
    assert df["goldstein_sum"].tolist() == pytest.approx([3.4, 0.0, -8.0])
    assert df["goldstein_mean"][0] == pytest.approx(3.4)
    assert math.isnan(df["goldstein_mean"][1])
    assert list(df["balance"].fillna(99)) == [1.0, 99, -1.0]
    # Either direction, any spelling of the dyad.
    assert store.trend("usa,jpn")["total"].tolist() == [1, 0, 1]


def test_trend_periods_and_range(store: dyad.Store) -> None:
    month = store.trend(("ARM", "AZE"), by="month")
    assert list(month["period"]) == ["2020-10"]
    assert (month["material_conflict"][0], month["verbal_conflict"][0]) == (1, 1)
    assert month["balance"][0] == -1.0
    days = store.trend(("ARM", "AZE"), by="day")
    assert list(days["period"]) == ["2020-10-08", "2020-10-09"]
    ranged = store.trend(("JPN", "USA"), start="2020-09-28", end=datetime.date(2020, 10, 12))
    assert list(ranged["period"]) == ["2020-09-28", "2020-10-05", "2020-10-12"]
    assert list(ranged["total"]) == [0, 1, 0]
    assert len(store.trend(("CHN", "USA"))) == 0
    events = store.trend(("JPN", "USA"), count="events", as_pandas=False)
    assert isinstance(events, pa.RecordBatch) and events.num_rows == 3


def test_trend_equals_cli(store: dyad.Store, dyad_bin: Path) -> None:
    out = subprocess.run(
        [str(dyad_bin), "trend", "--db", store.path, "--dyad", "JPN,USA", "--format", "jsonl"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cli = [json.loads(line) for line in out.splitlines() if line.strip()]
    df = store.trend(("JPN", "USA"))
    assert [r["period"] for r in cli] == list(df["period"])
    assert [r["total"] for r in cli] == list(df["total"])


# --- errors ---------------------------------------------------------------


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        dyad.Store(tmp_path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        dyad.Store(tmp_path / "no" / "such" / "dir.db")
    with pytest.raises(TypeError):
        dyad.Store(42)  # type: ignore[arg-type]
    junk = tmp_path / "junk.db"
    junk.write_text("not a database, just text\n" * 100)
    with pytest.raises(RuntimeError, match="junk.db"):
        dyad.Store(junk)
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match="not a dyad event store"):
        dyad.Store(foreign)


def test_ingest_errors(tmp_path: Path) -> None:
    with dyad.Store(tmp_path / "t.db") as s:
        with pytest.raises(dyad.InputTypeError, match="single str"):
            s.ingest("Japan praised the United States.")  # type: ignore[arg-type]
        with pytest.raises(dyad.InputTypeError, match=r"texts_or_docs\[1\]"):
            s.ingest(["Japan praised the United States.", None])  # type: ignore[list-item]
        with pytest.raises(dyad.InputTypeError, match="decode"):
            s.ingest([{"text": b"bytes"}])
        with pytest.raises(ValueError, match='"text" key'):
            s.ingest([{"title": "no text"}])
        with pytest.raises(ValueError, match="invalid date"):
            s.ingest(["Japan praised the United States."], dates="2020-31-12")
        with pytest.raises(ValueError, match="dates has 1 items but texts_or_docs has 2"):
            s.ingest(["a", "b"], dates=["2020-10-07"])
        with pytest.raises(ValueError, match="ids has"):
            s.ingest(["a", "b"], ids=["x"])
        with pytest.raises(TypeError, match="kb must be"):
            s.ingest(["a"], kb="data/")  # type: ignore[arg-type]
        # Nothing was stored by the failed calls.
        assert s.counts()["documents"] == 0


def test_query_and_trend_errors(store: dyad.Store) -> None:
    bad_query = [
        ({"dyad": ("AZE",)}, "dyad: expected two codes"),
        ({"dyad": "AZE,ARM,TUR"}, "dyad: expected two codes"),
        ({"root": 25}, "root: expected CAMEO roots 01-20"),
        ({"root": "x"}, "root"),
        ({"quad": 7}, "quad: expected quad classes 1-4"),
        ({"quad": "a"}, "quad"),
        ({"source": "A-B"}, "source: expected an actor or country code"),
        ({"cameo": "19x"}, "cameo"),
        ({"start": "2020-10-09", "end": "2020-10-01"}, "after"),
        ({"start": "yesterday"}, "start: invalid date"),
        ({"limit": -1}, "limit"),
        ({"dedup": "some"}, "dedup"),
    ]
    for kwargs, message in bad_query:
        with pytest.raises(ValueError, match=message):
            store.query(**kwargs)
    with pytest.raises(TypeError):
        store.query(limit="10")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="by: expected one of"):
        store.trend(("JPN", "USA"), by="year")
    with pytest.raises(ValueError, match="dyad: expected two codes"):
        store.trend("JPN")
    with pytest.raises(ValueError, match="count"):
        store.trend(("JPN", "USA"), count="articles")
    with pytest.raises(ValueError, match="after"):
        store.trend(("JPN", "USA"), start="2020-10-09", end="2020-10-01")
    with pytest.raises(TypeError):
        store.trend(None)  # type: ignore[arg-type]


def test_closed_store_raises(tmp_path: Path) -> None:
    s = dyad.Store(tmp_path / "t.db")
    s.close()
    s.close()
    assert s.closed and "closed" in repr(s)
    for call in (lambda: s.query(), lambda: s.ingest(["a"]), lambda: s.trend("A,B"), s.counts):
        with pytest.raises(ValueError, match="closed"):
            call()
