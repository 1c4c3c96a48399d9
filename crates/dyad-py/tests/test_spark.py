"""The Spark job examples/spark_backfill.py gives the events of `dyad code`, row for row.

Runs the job with pyspark in local[2] mode (bound to 127.0.0.1, UI off) on the
first 2,000 articles of ../shared/corpora/reuters21578.jsonl when it exists
(``DYAD_SPARK_DOCS`` changes the number, ``DYAD_SPARK_INPUT`` names another
JSONL file), else on the bundled sample
tests/data/articles.jsonl; the same input goes through the `dyad` binary, and
every column of every event must be equal.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import dyad
import pytest
from conftest import DATA, REPO, cell

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
ds = pytest.importorskip("pyarrow.dataset")
pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

JOB = REPO / "examples" / "spark_backfill.py"
REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578.jsonl"
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "2",
}


def run_job(inputs: list[Path], out: Path, *extra: str) -> str:
    """Runs the Spark job in local[2]; returns its summary line."""
    cmd = [sys.executable, str(JOB), *map(str, inputs), str(out), "--master", "local[2]"]
    cmd += ["--partitions", "2", *extra]
    for k, v in SPARK_CONF.items():
        cmd += ["--conf", f"{k}={v}"]
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-5000:]
    summary = [line for line in proc.stderr.splitlines() if line.startswith("dyad ")]
    assert summary, proc.stderr[-5000:]
    return summary[-1]


def spark_events(out: Path) -> list[dict[str, Any]]:
    table = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    rows = table.select(list(dyad.COLUMNS)).to_pylist()
    for row in rows:
        if row["date"] is not None:
            row["date"] = row["date"].isoformat()
    return rows


def flat(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c: cell(e, c) for c in dyad.COLUMNS} for e in events]


def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: json.dumps([r[c] for c in dyad.COLUMNS], default=str))


def cli_events(dyad_bin: Path, path: Path) -> list[dict[str, Any]]:
    """`dyad code PATH` (an input error such as a blank text is allowed)."""
    proc = subprocess.run(
        [str(dyad_bin), "code", str(path)], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode in (0, 1), proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The input: ``$DYAD_SPARK_INPUT``, a slice of Reuters-21578, or the bundled sample."""
    if os.environ.get("DYAD_SPARK_INPUT"):
        return Path(os.environ["DYAD_SPARK_INPUT"]).resolve()
    if not REUTERS.is_file():
        return DATA / "articles.jsonl"
    n = int(os.environ.get("DYAD_SPARK_DOCS", "2000"))
    path = tmp_path_factory.mktemp("reuters") / f"reuters-{n}.jsonl"
    with open(REUTERS, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return path


def unnamed_doc_ids(path: Path) -> dict[str, str]:
    """For the articles of a JSONL file without an id: the doc id `dyad code`
    gives them (``path:line``) → the one the Spark job gives them (``sha256:…``)."""
    ids = {}
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("id") in (None, "") and record.get("text", "").strip():
                digest = hashlib.sha256(record["text"].encode("utf-8")).hexdigest()[:16]
                ids[f"{path}:{line_no}"] = f"sha256:{digest}"
    return ids


def test_spark_job_equals_cli(dyad_bin: Path, articles: Path, tmp_path: Path) -> None:
    summary = run_job([articles], tmp_path / "out")
    print(f"\n{articles.name}: {summary}")
    expected = flat(cli_events(dyad_bin, articles))
    got = all_got = spark_events(tmp_path / "out")
    assert len(expected) > 0
    assert len(got) == len(expected)
    # Articles without an id are named differently (and so are their events'
    # ids): compare their events' count per document, the rest row for row.
    unnamed = unnamed_doc_ids(articles)
    for cli_id, spark_id in unnamed.items():
        assert sum(e["doc_id"] == cli_id for e in expected) == sum(
            g["doc_id"] == spark_id for g in got
        )
    expected = ordered([e for e in expected if e["doc_id"] not in unnamed])
    got = ordered([g for g in got if g["doc_id"] not in unnamed.values()])
    for g, e in zip(got, expected):
        assert g == e
    # Partitioned by the event's year and month.
    events_dir = tmp_path / "out" / "events"
    parts = {
        p.relative_to(events_dir).parts[:2] for p in events_dir.glob("year=*/month=*/*.parquet")
    }
    dated = {
        (f"year={r['date'][:4]}", f"month={int(r['date'][5:7])}") for r in all_got if r["date"]
    }
    undated = ("year=__HIVE_DEFAULT_PARTITION__", "month=__HIVE_DEFAULT_PARTITION__")
    assert dated and dated <= parts <= dated | {undated}
    assert (undated in parts) == any(r["date"] is None for r in all_got)
    # The dyad-week aggregate counts the affirmed, dated events.
    weeks = pq.read_table(tmp_path / "out" / "dyad_week").to_pylist()
    affirmed = [r for r in all_got if r["polarity"] == "affirmed" and r["date"]]
    assert sum(w["total"] for w in weeks) == len(affirmed)
    for w in weeks:
        assert w["week"].weekday() == 0  # weeks start on Monday
        quads = (
            w["verbal_coop"] + w["material_coop"] + w["verbal_conflict"] + w["material_conflict"]
        )
        assert quads == w["total"]


def test_spark_job_reads_parquet(dyad_bin: Path, tmp_path: Path) -> None:
    """Parquet input (a directory) with a date column, ids and a missing id."""
    rows = [json.loads(line) for line in open(DATA / "articles.jsonl", encoding="utf-8")]
    table = pa.table(
        {
            "id": [None if r.get("id") is None else str(r["id"]) for r in rows],
            "text": [r["text"] for r in rows],
            "date": [r.get("date") or r.get("published") for r in rows],
            "title": [r.get("title") for r in rows],
        }
    )
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "articles.parquet")
    run_job([tmp_path / "in"], tmp_path / "out", "--format", "auto")
    got = spark_events(tmp_path / "out")
    # The article without an id: `dyad code` names it path:line, the job by its text's hash.
    no_id = [r for r in rows if r.get("id") is None]
    assert len(no_id) == 1
    hashed = [g for g in got if g["doc_id"].startswith("sha256:")]
    assert hashed, "the article without an id was coded"
    digest = hashlib.sha256(no_id[0]["text"].encode("utf-8")).hexdigest()[:16]
    assert {g["doc_id"] for g in hashed} == {f"sha256:{digest}"}
    expected = [
        e
        for e in flat(cli_events(dyad_bin, DATA / "articles.jsonl"))
        if not e["doc_id"].endswith(".jsonl:9")
    ]
    assert ordered([g for g in got if not g["doc_id"].startswith("sha256:")]) == ordered(expected)
