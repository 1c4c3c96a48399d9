"""Tests of the installed dyad wheel: dyad.code, dyad.code_batch, KnowledgeBase, errors."""

from __future__ import annotations

import concurrent.futures
import datetime
import doctest
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import dyad
import pytest
from conftest import DATA, SEED, SEED_DATE, cell, run_cli

pa = pytest.importorskip("pyarrow")


def triples(events: list[dict[str, Any]]) -> list[tuple]:
    return [
        (e["source"]["code"], e["target"]["code"] if e["target"] else None, e["cameo"])
        for e in events
    ]


# --- dyad.code ------------------------------------------------------------


def test_seed_article_events(seed_text: str) -> None:
    events = dyad.code(seed_text, date=SEED_DATE)
    assert len(events) >= 7
    found = triples(events)
    assert ("USAGOV", "AZEGOV", "036") in found
    assert ("AZEGOV", "USAGOV", "036") in found
    assert ("AZE", "ARM", "190") in found
    invited = [e for e in events if e["evidence"]["trigger"] == "has invited"]
    assert invited and invited[0]["source"]["code"] == "USAGOV"
    meet = [e for e in events if e["evidence"]["trigger"] == "will meet with"]
    assert meet and meet[0]["modality"] == "future"
    # The scraped widget glued into the third paragraph yields no event.
    assert not any("Pompeo warns" in e["evidence"]["sentence_text"] for e in events)
    for e in events:
        assert e["doc_id"] == "0"
        assert e["date"] is not None and e["date"].startswith("2020-10")
        start, end = e["source"]["span"]
        assert seed_text.encode("utf-8")[start:end].decode("utf-8") == e["source"]["text"]


def test_code_equals_cli_jsonl(dyad_bin: Path, seed_text: str) -> None:
    cli = run_cli(dyad_bin, "examples/seed-article.txt", "--date", SEED_DATE)
    py = dyad.code(seed_text, date=SEED_DATE, id="examples/seed-article.txt")
    assert py == cli
    # Same keys in the same order, as the CLI prints them.
    assert [list(e) for e in py] == [list(e) for e in cli]


def test_code_records_are_json(seed_text: str) -> None:
    events = dyad.code(seed_text, date=SEED_DATE)
    assert json.loads(json.dumps(events)) == events


def test_code_arguments() -> None:
    text = "Turkey condemned Russia on Monday."
    base = dyad.code(text, date="2020-10-20")
    assert triples(base) == [("TUR", "RUS", "110")]
    assert base[0]["date"] == "2020-10-19"  # "on Monday" before the publication day
    assert dyad.code(text, date=datetime.date(2020, 10, 20)) == base
    assert dyad.code(text, date=datetime.datetime(2020, 10, 20, 23, 59)) == base
    assert dyad.code(text, date="2020-10-20T14:03:00+02:00") == base
    assert dyad.code(text, date="Tue, 20 Oct 2020 14:03:00 +0000") == base
    undated = dyad.code(text)
    assert undated[0]["date"] is None
    with_id = dyad.code(text, date="2020-10-20", id="a1", url="https://x", title="T", source="S")
    assert with_id[0]["doc_id"] == "a1"
    assert with_id[0]["id"] != base[0]["id"]  # the doc id is part of the event id
    assert dyad.code(text, date="2020-10-20", id=42)[0]["doc_id"] == "42"
    assert dyad.code("") == []
    assert dyad.code("no events here at all") == []


def test_doc_examples_run() -> None:
    failures, _ = doctest.testmod(dyad, verbose=False)
    assert failures == 0


def test_version() -> None:
    assert isinstance(dyad.__version__, str) and dyad.__version__.count(".") == 2
    kb = dyad.default_knowledge_base()
    assert kb.version.startswith(dyad.__version__ + "+")
    assert dyad.KnowledgeBase().version == kb.version


def test_threads_share_the_coder(seed_text: str) -> None:
    expected = dyad.code(seed_text, date=SEED_DATE)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: dyad.code(seed_text, date=SEED_DATE), range(8)))
    assert all(r == expected for r in results)


# --- bad input --------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, b"Turkey condemned Russia.", bytearray(b"x"), 5, ["a"]])
def test_code_rejects_non_str_text(bad: Any) -> None:
    with pytest.raises(dyad.InputTypeError, match="text must be a str"):
        dyad.code(bad)


def test_input_type_error_is_type_and_value_error() -> None:
    assert issubclass(dyad.InputTypeError, TypeError)
    assert issubclass(dyad.InputTypeError, ValueError)
    with pytest.raises(TypeError):
        dyad.code(None)
    with pytest.raises(ValueError):
        dyad.code(b"bytes")


def test_bad_dates_and_kb() -> None:
    with pytest.raises(ValueError, match='invalid date "2020-31-12"'):
        dyad.code("x", date="2020-31-12")
    with pytest.raises(ValueError, match="invalid date"):
        dyad.code("x", date="yesterday")
    with pytest.raises(dyad.InputTypeError, match="date must be"):
        dyad.code("x", date=20201020)
    with pytest.raises(dyad.InputTypeError, match="kb must be a dyad.KnowledgeBase"):
        dyad.code("x", kb="data/")
    with pytest.raises(dyad.InputTypeError, match="id must be a str or an int"):
        dyad.code("x", id=1.5)
    with pytest.raises(dyad.InputTypeError, match="url must be a str"):
        dyad.code("x", url=b"http://x")
    with pytest.raises(ValueError):  # UnicodeEncodeError: a lone surrogate
        dyad.code("Turkey \ud800 condemned Russia.")


def test_code_batch_bad_input() -> None:
    with pytest.raises(dyad.InputTypeError, match="single str"):
        dyad.code_batch("Turkey condemned Russia.")
    with pytest.raises(dyad.InputTypeError, match="single bytes"):
        dyad.code_batch(b"Turkey condemned Russia.")
    with pytest.raises(dyad.InputTypeError, match=r"texts\[1\] must be a str, got NoneType"):
        dyad.code_batch(["a", None])
    with pytest.raises(dyad.InputTypeError, match=r"texts\[0\] must be a str, got bytes"):
        dyad.code_batch([b"a"])
    with pytest.raises(dyad.InputTypeError, match="texts must be a sequence"):
        dyad.code_batch(5)
    with pytest.raises(ValueError, match="dates has 1 items but texts has 2"):
        dyad.code_batch(["a", "b"], dates=["2020-01-01"])
    with pytest.raises(ValueError, match="ids has 3 items but texts has 2"):
        dyad.code_batch(["a", "b"], ids=[1, 2, 3])
    with pytest.raises(ValueError, match=r'dates\[1\]: invalid date "bad"'):
        dyad.code_batch(["a", "b"], dates=["2020-01-01", "bad"])
    with pytest.raises(ValueError, match="threads must be a positive int"):
        dyad.code_batch(["a"], threads=0)
    with pytest.raises(dyad.InputTypeError, match="threads must be an int"):
        dyad.code_batch(["a"], threads="2")
    with pytest.raises(dyad.InputTypeError, match="kb must be"):
        dyad.code_batch(["a"], kb=object())


def test_bad_input_never_kills_the_interpreter() -> None:
    # Run the bad calls in a fresh interpreter: a crash (panic, segfault)
    # would show as a non-zero exit status.
    script = """
import dyad
bad = [lambda: dyad.code(None), lambda: dyad.code(b"x"), lambda: dyad.code("x", date="2020-02-30"),
       lambda: dyad.code_batch([None]), lambda: dyad.code_batch(["x"], dates=[object()]),
       lambda: dyad.code_batch(iter([1])), lambda: dyad.KnowledgeBase(123),
       lambda: dyad.code("\\ud800"), lambda: dyad.code("x" * 10, date=float("inf"))]
for f in bad:
    try:
        f()
    except (TypeError, ValueError, OSError):
        pass
    else:
        raise SystemExit("no exception")
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# --- dyad.code_batch --------------------------------------------------------


def articles() -> list[dict[str, Any]]:
    with open(DATA / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_schema_is_the_csv_header(dyad_bin: Path) -> None:
    header = subprocess.run(
        [str(dyad_bin), "code", str(SEED), "--date", SEED_DATE, "--format", "csv"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[0]
    assert list(dyad.COLUMNS) == header.split(",")
    assert dyad.schema().names == list(dyad.COLUMNS)


def test_schema_types() -> None:
    s = dyad.schema()
    assert s.field("date").type == pa.date32()
    assert s.field("sentence").type == pa.int64()
    assert s.field("quad_class").type == pa.int32()
    assert s.field("goldstein").type == pa.float64()
    assert s.field("confidence").type == pa.float64()
    assert s.field("source.span_start").type == pa.int64()
    assert s.field("source.code").type == pa.string()
    assert s.field("location.lat").type == pa.float64()


def test_code_batch_equals_code() -> None:
    docs = [d for d in articles() if d["text"].strip()]
    texts = [d["text"] for d in docs]
    dates = [d.get("date") or d.get("published") for d in docs]
    ids = [d.get("id") for d in docs]
    batch = dyad.code_batch(texts, dates, ids)
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema == dyad.schema()
    expected = []
    for i, (t, d, doc_id) in enumerate(zip(texts, dates, ids)):
        expected += dyad.code(t, date=d, id=doc_id if doc_id is not None else i)
    assert len(expected) >= 10
    assert batch.num_rows == len(expected)
    rows = batch.to_pylist()
    for row, event in zip(rows, expected):
        for column in dyad.COLUMNS:
            value = row[column]
            if isinstance(value, datetime.date):
                value = value.isoformat()
            assert value == cell(event, column), (column, row["id"])


def test_code_batch_inputs() -> None:
    text = "Turkey condemned Russia on Monday."
    one = dyad.code_batch([text], dates="2020-10-20")
    assert one.column("doc_id").to_pylist() == ["0"]
    assert one.column("date").to_pylist() == [datetime.date(2020, 10, 19)]
    # Arrow and pandas inputs, one date for all, int and missing ids.
    pd = pytest.importorskip("pandas")
    texts = pa.array([text, text, text])
    b = dyad.code_batch(texts, dates=datetime.date(2020, 10, 20), ids=pd.Series([7, None, "x"]))
    assert b.column("doc_id").to_pylist() == ["7", "1", "x"]
    b2 = dyad.code_batch(pd.Series([text] * 3), dates=pd.Series(["2020-10-20", None, float("nan")]))
    assert b2.column("date").to_pylist() == [datetime.date(2020, 10, 19), None, None]
    b3 = dyad.code_batch((t for t in [text]), dates=pd.Series(pd.to_datetime(["2020-10-20"])))
    assert b3.column("date").to_pylist() == [datetime.date(2020, 10, 19)]
    empty = dyad.code_batch([])
    assert empty.num_rows == 0 and empty.schema == dyad.schema()


def test_code_batch_as_pandas_and_threads(seed_text: str) -> None:
    pd = pytest.importorskip("pandas")
    texts = [seed_text, "Turkey condemned Russia.", seed_text]
    default = dyad.code_batch(texts, dates=SEED_DATE)
    assert dyad.code_batch(texts, dates=SEED_DATE, threads=1).equals(default)
    assert dyad.code_batch(texts, dates=SEED_DATE, threads=3).equals(default)
    df = dyad.code_batch(texts, dates=SEED_DATE, as_pandas=True)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(dyad.COLUMNS)
    assert len(df) == default.num_rows
    assert (df["source.code"] == "USAGOV").any()


# --- KnowledgeBase --------------------------------------------------------


def test_knowledge_base_with_a_user_file(tmp_path: Path) -> None:
    text = "The Freedonian Liberation Army attacked Russian troops on Monday."
    assert not any(e["source"]["code"] == "UKRREB" for e in dyad.code(text, date="2021-01-05"))
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    (kb_dir / "orgs_user.tsv").write_text(
        "# a made-up armed group\nFreedonian Liberation Army|FLA\tUKRREB\n", encoding="utf-8"
    )
    kb = dyad.KnowledgeBase(kb_dir / "orgs_user.tsv")
    assert kb.warnings == []
    assert kb.version != dyad.default_knowledge_base().version
    assert kb.stats["org_phrases"] > dyad.default_knowledge_base().stats["org_phrases"]
    base = dyad.default_knowledge_base().stats
    assert base["places"] > 30000 and base["igos"] > 50 and base["people"] > 1000, base
    events = dyad.code(text, date="2021-01-05", kb=kb)
    assert ("UKRREB", "RUSMIL", "190") in triples(events)
    batch = dyad.code_batch([text], dates="2021-01-05", kb=kb)
    assert "UKRREB" in batch.column("source.code").to_pylist()
    # A directory loads its files like `dyad code --kb-dir`; str paths and lists work too.
    assert dyad.KnowledgeBase(str(kb_dir)).version == kb.version
    assert dyad.KnowledgeBase([kb_dir]).version == kb.version
    assert "KnowledgeBase" in repr(kb)


def test_knowledge_base_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        dyad.KnowledgeBase(tmp_path / "missing")
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot tell the kind"):
        dyad.KnowledgeBase(odd)
    with pytest.raises(dyad.InputTypeError, match="path must be"):
        dyad.KnowledgeBase(42)
    bad = tmp_path / "orgs_bad.tsv"
    bad.write_text("only one column\n", encoding="utf-8")
    kb = dyad.KnowledgeBase(bad)
    assert kb.warnings and "orgs_bad.tsv" in kb.warnings[0]
