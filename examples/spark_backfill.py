#!/usr/bin/env python3
"""Back-fill a news archive into dyad events with Apache Spark.

Reads articles (JSONL or Parquet; a file or a directory of files), codes them
with ``DataFrame.mapInArrow`` calling ``dyad.code_batch`` once per Arrow batch,
and writes

- ``OUTPUT/events/``    one row per event, the columns of ``dyad code --format csv``
  (``dyad.schema()``), as Parquet partitioned by ``year=YYYY/month=M`` of the
  event date (events without a date go to Spark's ``__HIVE_DEFAULT_PARTITION__``);
- ``OUTPUT/dyad_week/`` the dyad × week aggregate: per week (starting Monday),
  ``source_code`` and ``target_code``, the counts of affirmed events per quad
  class (``verbal_coop``, ``material_coop``, ``verbal_conflict``,
  ``material_conflict``), their ``total``, ``goldstein_sum`` and
  ``goldstein_mean`` (the definitions of the event store's trends: negated and
  undated events are not counted).

Articles have the fields of ``dyad code``'s JSONL input (in a directory: the
``.jsonl``, ``.ndjson`` and ``.json`` files, one object per line): ``text``
(required), ``id`` (string or number), ``date`` (or ``published``:
``YYYY-MM-DD``, an ISO 8601 / RFC 3339 or RFC 2822 datetime; in Parquet also a
date column, or a timestamp column whose day is taken in the Spark session time
zone), and optionally ``title``, ``url``, ``source``. Rows whose text is
missing, blank or larger than ``--max-document-bytes`` are skipped, as
``dyad code`` skips them; a row without an id gets ``sha256:`` and the first 16
hex digits of its text's SHA-256 (``dyad code`` would use ``path:line``). For
the same input the events are those of ``dyad code`` (same ids, same values);
the test ``crates/dyad-py/tests/test_spark.py`` checks this row for row.

Column names contain dots (``source.code``): in Spark SQL quote them with
backticks, ``df.select("`source.code`")``.

Run on one machine (``pip install pyspark`` and the dyad wheel; Java 17)::

    python examples/spark_backfill.py articles.jsonl out/ --master 'local[*]'

Run on a cluster: the executors need the ``dyad`` package. It is one abi3 wheel
(CPython >= 3.9, manylinux) with no Python dependencies besides pyarrow, which
PySpark's Arrow path needs anyway. Either install it on every node
(``pip install dyad-*.whl``), or ship a packed virtual environment::

    python -m venv env && env/bin/pip install venv-pack pyarrow pandas target/wheels/dyad-*.whl
    env/bin/venv-pack -o dyad-env.tar.gz
    PYSPARK_PYTHON=./env/bin/python spark-submit \\
        --master yarn --archives dyad-env.tar.gz#env \\
        examples/spark_backfill.py s3://archive/news/ s3://events/dyad/

(``--archives`` is the ``spark.archives`` setting; on Kubernetes bake the wheel
into the image). ``--py-files`` does not work for dyad: it puts files on
``sys.path`` as zip imports, and a compiled extension module cannot be imported
from a zip. Knowledge-base files given with ``--kb-dir`` are read on the driver
and shipped inside the task closure, so the executors need no shared file
system for them.

Each Spark task codes its partition in one thread (``--threads-per-task 1``):
Spark already runs one task per executor core. Use ``--partitions`` when the
input has fewer splits than the cluster has cores (a single JSONL file of less
than 128 MB is one split).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any, Optional

#: The default of ``dyad code --max-document-bytes``.
DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

#: The columns handed to the coder, in this order.
ARTICLE_COLUMNS = ["id", "text", "date"]


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Code a news archive into dyad events with Spark (mapInArrow).",
    )
    p.add_argument("input", nargs="+", help="JSONL or Parquet files or directories")
    p.add_argument("output", help="output directory (events/ and dyad_week/ are replaced)")
    p.add_argument(
        "--format",
        choices=["auto", "jsonl", "parquet"],
        default="auto",
        help="input format (auto: by extension; a directory holding .parquet files is Parquet)",
    )
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for articles without one")
    p.add_argument(
        "--kb-dir", help="directory of extra knowledge-base files (as dyad code --kb-dir)"
    )
    p.add_argument("--partitions", type=int, help="repartition the articles into N partitions")
    p.add_argument("--threads-per-task", type=int, default=1, help="coder threads per Spark task")
    p.add_argument(
        "--max-document-bytes",
        type=int,
        default=DEFAULT_MAX_DOCUMENT_BYTES,
        help="skip larger texts, as dyad code does (default 16 MiB)",
    )
    p.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    p.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra Spark configuration (repeatable)",
    )
    return p.parse_args(argv)


def detect_format(paths: list[str], fmt: str) -> str:
    """``jsonl`` or ``parquet`` for the inputs (see ``--format``)."""
    if fmt != "auto":
        return fmt
    for path in paths:
        if os.path.isdir(path):
            for _root, _dirs, files in os.walk(path):
                if any(f.endswith(".parquet") for f in files):
                    return "parquet"
        elif path.endswith(".parquet"):
            return "parquet"
    return "jsonl"


def read_articles(spark: Any, paths: list[str], fmt: str) -> Any:
    """The articles as a DataFrame of ``id``, ``text``, ``date`` (all strings)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if fmt == "parquet":
        df = spark.read.option("recursiveFileLookup", "true").parquet(*paths)
    else:
        # An explicit schema: no inference pass over the archive, and numeric
        # ids are kept as their JSON text (as dyad code reads them).
        fields = ["id", "text", "date", "published", "title", "url", "source"]
        schema = T.StructType([T.StructField(f, T.StringType()) for f in fields])
        reader = spark.read.schema(schema).option("recursiveFileLookup", "true")
        if any(os.path.isdir(p) for p in paths):
            # In directories, only JSONL files (files named on the command line are read as given).
            reader = reader.option("pathGlobFilter", "*.{jsonl,ndjson,json}")
        df = reader.json(list(paths))
    if "text" not in df.columns:
        raise SystemExit(f"error: the input has no 'text' column (columns: {df.columns})")

    def as_string(name: str) -> Any:
        if name not in df.columns:
            return F.lit(None).cast("string")
        dtype = df.schema[name].dataType
        if isinstance(dtype, (T.TimestampType, T.TimestampNTZType)):
            return F.date_format(F.col(name), "yyyy-MM-dd")
        return F.col(name).cast("string")

    date = as_string("date")
    if "published" in df.columns:
        date = F.when(date.isNull() | (F.trim(date) == ""), as_string("published")).otherwise(date)
    return df.select(
        as_string("id").alias("id"),
        F.col("text").cast("string").alias("text"),
        date.alias("date"),
    )


def read_kb_files(kb_dir: Optional[str]) -> Optional[dict[str, str]]:
    """The files of a knowledge-base directory, name → text (read on the driver)."""
    if not kb_dir:
        return None
    files = {}
    for name in sorted(os.listdir(kb_dir)):
        path = os.path.join(kb_dir, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                files[name] = f.read()
    return files


def make_coder(
    default_date: Optional[str],
    kb_files: Optional[dict[str, str]],
    threads: int,
    max_document_bytes: int,
) -> Any:
    """The ``mapInArrow`` function: Arrow batches of articles → Arrow batches of events."""

    def code_partition(batches: Iterator[Any]) -> Iterator[Any]:
        import dyad

        kb = None
        if kb_files:
            # Loaded once per task; the files travel in this closure.
            kb_dir = tempfile.mkdtemp(prefix="dyad-kb-")
            for name, text in kb_files.items():
                with open(os.path.join(kb_dir, name), "w", encoding="utf-8") as f:
                    f.write(text)
            kb = dyad.KnowledgeBase(kb_dir)
        for batch in batches:
            cols = batch.to_pydict()
            ids: list[str] = []
            texts: list[str] = []
            dates: list[Optional[str]] = []
            for doc_id, text, date in zip(cols["id"], cols["text"], cols["date"]):
                if text is None or not text.strip():
                    continue
                if len(text.encode("utf-8")) > max_document_bytes:
                    continue
                if doc_id is None or not doc_id.strip():
                    doc_id = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
                ids.append(doc_id)
                texts.append(text)
                dates.append(date if date is not None and date.strip() else default_date)
            yield dyad.code_batch(texts, dates, ids, kb=kb, threads=threads)

    return code_partition


def dyad_week(events: Any) -> Any:
    """The dyad × week aggregate of an events DataFrame."""
    from pyspark.sql import functions as F

    affirmed = events.where((F.col("polarity") == "affirmed") & F.col("date").isNotNull())
    quad = F.col("quad_class")
    return (
        affirmed.groupBy(
            F.date_trunc("week", F.col("date")).cast("date").alias("week"),
            F.col("`source.code`").alias("source_code"),
            F.col("`target.code`").alias("target_code"),
        )
        .agg(
            F.count(F.when(quad == 1, True)).alias("verbal_coop"),
            F.count(F.when(quad == 2, True)).alias("material_coop"),
            F.count(F.when(quad == 3, True)).alias("verbal_conflict"),
            F.count(F.when(quad == 4, True)).alias("material_conflict"),
            F.count(F.lit(1)).alias("total"),
            F.sum("goldstein").alias("goldstein_sum"),
            F.avg("goldstein").alias("goldstein_mean"),
        )
        .orderBy("week", "source_code", "target_code")
    )


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    if args.date is not None:
        import datetime

        try:
            datetime.date.fromisoformat(args.date)
        except ValueError:
            raise SystemExit(f"error: --date expects YYYY-MM-DD, got {args.date!r}") from None
    # Executors run this interpreter (with dyad installed) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    import dyad
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    builder = SparkSession.builder.appName("dyad-backfill")
    if args.master:
        builder = builder.master(args.master)
    for kv in args.conf:
        key, sep, value = kv.partition("=")
        if not sep:
            raise SystemExit(f"error: --conf expects KEY=VALUE, got {kv!r}")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()

    fmt = detect_format(args.input, args.format)
    articles = read_articles(spark, args.input, fmt)
    if args.partitions:
        articles = articles.repartition(args.partitions)
    n_articles = articles.count()

    coder = make_coder(
        args.date, read_kb_files(args.kb_dir), args.threads_per_task, args.max_document_bytes
    )
    events = articles.mapInArrow(coder, from_arrow_schema(dyad.schema()))
    events = events.withColumn("year", F.year("date")).withColumn("month", F.month("date"))
    events_dir = os.path.join(args.output, "events")
    started = time.perf_counter()
    events.write.mode("overwrite").partitionBy("year", "month").parquet(events_dir)
    coded_s = time.perf_counter() - started

    stored = spark.read.parquet(events_dir)
    n_events = stored.count()
    dyad_week(stored).write.mode("overwrite").parquet(os.path.join(args.output, "dyad_week"))
    print(
        f"dyad {dyad.__version__}: read {n_articles} article(s), wrote {n_events} event(s) to "
        f"{events_dir} and the dyad-week aggregate to {os.path.join(args.output, 'dyad_week')}; "
        f"read + code + write took {coded_s:.1f} s ({n_articles / max(coded_s, 1e-9):.0f} "
        f"articles/s on {spark.sparkContext.defaultParallelism} cores)",
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
