"""dyad: political event data from news text — who did what to whom, when.

dyad codes the events that news articles report in the CAMEO ontology: source
and target actors with country and sector codes, the event code with its
Goldstein score and quad class, the date, polarity, modality, attribution and
the sentence and words that justify each event. The coder is written in Rust;
this package is a thin binding around it (the GIL is released while coding).

>>> import dyad
>>> events = dyad.code("Turkey condemned Russia on Monday.", date="2020-10-20")
>>> [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events]
[('TUR', 'RUS', '110')]

Functions and classes:

- :func:`code` — one text → a list of event dicts (the JSON records of ``dyad code``).
- :func:`code_batch` — many texts → a ``pyarrow.RecordBatch`` (or a pandas
  ``DataFrame``) with one row per event and the columns of ``dyad code --format csv``
  (see :func:`schema`).
- :class:`KnowledgeBase` — the embedded knowledge base plus user files.
- :class:`Store` — the SQLite event store of ``dyad ingest``: ``ingest`` texts,
  ``query`` events and ``trend`` dyad series as pandas ``DataFrame``\ s.
- :class:`InputTypeError` — raised for arguments of the wrong type; a subclass of
  both ``TypeError`` and ``ValueError``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from . import _dyad
from ._dyad import (
    InputTypeError,
    KnowledgeBase,
    __version__,
    code,
    default_knowledge_base,
)

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    import pandas
    import pyarrow

    DateLike = Union[str, datetime.date, None]

__all__ = [
    "COLUMNS",
    "InputTypeError",
    "KnowledgeBase",
    "STORE_COLUMNS",
    "Store",
    "TREND_COLUMNS",
    "__version__",
    "code",
    "code_batch",
    "default_knowledge_base",
    "schema",
]

#: Column names of :func:`code_batch`, in order: the header of ``dyad code --format csv``.
COLUMNS: tuple[str, ...] = tuple(name for name, _ in _dyad.SCHEMA_FIELDS)

#: Columns :meth:`Store.query` adds after :data:`COLUMNS` (those of ``dyad query --format csv``).
STORE_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _dyad.STORE_FIELDS)

#: Columns of :meth:`Store.trend`, in order.
TREND_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _dyad.TREND_FIELDS)


def _pyarrow(what: str = "dyad.code_batch") -> Any:
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"{what} needs pyarrow: pip install pyarrow "
            "(or install dyad with the 'arrow' or 'pandas' extra)"
        ) from e
    return pyarrow


def _arrow_type(pa: Any, kind: str) -> Any:
    return {
        "string": pa.string(),
        "date32": pa.date32(),
        "int64": pa.int64(),
        "int32": pa.int32(),
        "float64": pa.float64(),
    }[kind]


def schema() -> pyarrow.Schema:
    """The Arrow schema of :func:`code_batch`: one row per event.

    Column names are those of ``dyad code --format csv`` (nested fields of the
    JSON record joined with dots). Every column is nullable; an absent value is
    null (the CSV writes an empty string). Types:

    - ``date`` — date32, the event date;
    - ``sentence``, ``source.span_start``, ``source.span_end``,
      ``target.span_start``, ``target.span_end``, ``evidence.trigger_start``,
      ``evidence.trigger_end`` (byte offsets into the input text),
      ``location.geonames_id`` — int64;
    - ``quad_class`` — int32: 1 verbal cooperation, 2 material cooperation,
      3 verbal conflict, 4 material conflict;
    - ``goldstein`` (−10 … +10), ``confidence`` (0 … 1), ``location.lat``,
      ``location.lon`` — float64;
    - every other column — string: ``id`` (stable event id), ``doc_id``,
      ``date_precision``, ``source.code``/``.country``/``.sector``/``.name``/``.text``,
      the same for ``target.*`` (null when the event has no target), ``cameo``,
      ``cameo_root``, ``cameo_name``, ``plover.event``/``.mode``/``.context``,
      ``location.name``/``.country``/``.admin1``, ``polarity``
      (``affirmed``/``negated``), ``modality`` (``asserted``, ``future``,
      ``hypothetical``, ``conditional``, ``question``, ``historical``),
      ``attributed_to``, ``evidence.sentence_text``, ``evidence.trigger``,
      ``evidence.pattern``.
    """
    pa = _pyarrow()
    return pa.schema([pa.field(name, _arrow_type(pa, kind)) for name, kind in _dyad.SCHEMA_FIELDS])


def _as_list(values: Any) -> Any:
    """pyarrow arrays, pandas Series and numpy arrays as plain lists."""
    if values is None or isinstance(values, (str, bytes, list, tuple)):
        return values
    if hasattr(values, "to_pylist"):  # pyarrow.Array / ChunkedArray
        return values.to_pylist()
    if hasattr(values, "tolist"):  # pandas.Series / Index, numpy.ndarray
        return values.tolist()
    return values


def code_batch(
    texts: Union[Sequence[str], Iterable[str], pyarrow.Array, pandas.Series],
    dates: Union[DateLike, Sequence[DateLike], pyarrow.Array, pandas.Series] = None,
    ids: Optional[Union[Sequence[Union[str, int, None]], pyarrow.Array, pandas.Series]] = None,
    *,
    kb: Optional[KnowledgeBase] = None,
    threads: Optional[int] = None,
    as_pandas: bool = False,
) -> Union[pyarrow.RecordBatch, pandas.DataFrame]:
    """Code many texts; return their events as one table, one row per event.

    :param texts: the article texts (a list of str, a pyarrow string array or a
        pandas Series).
    :param dates: publication dates: ``None``, one date for every text, or one per
        text (str ``YYYY-MM-DD`` or ISO datetime, ``datetime.date``, or None).
    :param ids: document ids (str or int), one per text; events carry them in
        ``doc_id`` and they enter the stable event ids. Default (and for a None
        item): the row position, ``"0"``, ``"1"`` …
    :param kb: the :class:`KnowledgeBase` (default: the embedded one).
    :param threads: ``None`` codes the texts in parallel on all cores (or
        ``RAYON_NUM_THREADS``); ``1`` in the calling thread (use this inside
        Spark or multiprocessing workers, which are parallel already); ``n`` on
        ``n`` threads.
    :param as_pandas: return a ``pandas.DataFrame`` instead of a
        ``pyarrow.RecordBatch``.
    :returns: events in input order (documents in order, events in text order),
        with the columns and types of :func:`schema`. Rows equal the records of
        :func:`code` for the same text, date and id.
    :raises InputTypeError: an argument or item of the wrong type (None or bytes
        in ``texts``, …).
    :raises ValueError: an invalid date, or ``dates``/``ids`` of another length
        than ``texts``.

    The GIL is released while coding.
    """
    pa = _pyarrow()
    columns = _dyad.code_columns(
        _as_list(texts), _as_list(dates), _as_list(ids), kb=kb, threads=threads
    )
    arrays = []
    for (_name, kind), values in zip(_dyad.SCHEMA_FIELDS, columns):
        if kind == "date32":
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, _arrow_type(pa, kind)))
    batch = pa.RecordBatch.from_arrays(arrays, schema=schema())
    if as_pandas:
        return batch.to_pandas()
    return batch


def _table(pa: Any, fields: Sequence[tuple[str, str]], columns: Sequence[list[Any]]) -> Any:
    """Columns from the extension as a ``pyarrow.RecordBatch`` with ``fields``' types."""
    arrays = []
    for (_name, kind), values in zip(fields, columns):
        if kind == "date32":
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, _arrow_type(pa, kind)))
    arrow_schema = pa.schema([pa.field(name, _arrow_type(pa, kind)) for name, kind in fields])
    return pa.RecordBatch.from_arrays(arrays, schema=arrow_schema)


class Store:
    """The event store of ``dyad ingest``: one SQLite file.

    ``Store(path)`` opens the store at ``path`` (str or ``os.PathLike``) and
    creates the file and its schema when missing. It is the same file as
    ``dyad ingest --db path``: the command-line tools (``dyad query``,
    ``trend``, ``escalation``, ``export``, ``stats``) read what Python stores
    and the other way round.

    >>> store = dyad.Store("events.db")                      # doctest: +SKIP
    >>> store.ingest([{"id": "a1", "text": "Turkey condemned Russia.",
    ...                "date": "2020-10-20"}])                # doctest: +SKIP
    {'documents_added': 1, 'documents_skipped': 0, ...}
    >>> store.query(dyad=("TUR", "RUS"))                     # doctest: +SKIP
    >>> store.trend(("TUR", "RUS"), by="month")              # doctest: +SKIP

    A store can be used as a context manager (closed at the end of the
    ``with`` block). Calls release the GIL while they code, write or read.
    Errors raise with the store's message: ``ValueError`` for a bad argument
    (``InputTypeError`` for one of the wrong type), ``FileNotFoundError`` /
    ``IsADirectoryError`` / ``OSError`` for the path, ``RuntimeError`` for a
    database that cannot be used (not a dyad store, written by a newer dyad,
    SQLite errors).
    """

    def __init__(self, path: Union[str, os.PathLike[str]]) -> None:
        self._store = _dyad.Store(path)

    @property
    def path(self) -> str:
        """The database file."""
        return str(self._store.path)

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return bool(self._store.closed)

    def close(self) -> None:
        """Close the database; later calls raise ``ValueError``. Idempotent."""
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<dyad.Store {self.path!r}{' (closed)' if self.closed else ''}>"

    def counts(self) -> dict[str, int]:
        """Row counts: ``documents``, ``events``, ``clusters``, ``dyad_days``,
        ``runs``, ``unfinished_runs`` (as ``dyad stats``)."""
        return dict(self._store.counts())

    def ingest(
        self,
        texts_or_docs: Union[Sequence[Union[str, Mapping[str, Any]]], pandas.Series],
        dates: Union[DateLike, Sequence[DateLike], pandas.Series] = None,
        ids: Optional[Union[Sequence[Union[str, int, None]], pandas.Series]] = None,
        kb: Optional[KnowledgeBase] = None,
    ) -> dict[str, int]:
        """Code documents and store them with their events, as ``dyad ingest``.

        :param texts_or_docs: a list of texts (str), or of dicts
            ``{"text": ..., "id": ..., "date": ..., "title": ..., "url": ...,
            "source": ...}`` (only ``text`` is required; other keys are ignored),
            or a mix.
        :param dates: publication dates: ``None``, one date for every document,
            or one per document (str ``YYYY-MM-DD`` or ISO datetime,
            ``datetime.date``, or None). A dict's own ``date`` takes precedence.
        :param ids: document ids (str or int), one per document. A dict's own
            ``id`` takes precedence. A document without an id gets
            ``sha256:<hash of its text>``, as in ``dyad ingest``, so the same
            text is the same document on every call.
        :param kb: the :class:`KnowledgeBase` (default: the embedded one).
        :returns: counts of this call: ``documents_added``,
            ``documents_skipped`` (ids already stored, or repeated in the call:
            left as stored), ``documents_changed`` (of the skipped, those whose
            text differs from the stored one), ``events_added``,
            ``clusters_added``.

        Ingesting is idempotent: documents whose ids are stored are skipped
        with their events, so ingesting the same documents twice adds
        nothing. Documents are coded in parallel and written 1024 to a
        transaction, as one run of the store.
        """
        items = _as_list(texts_or_docs)  # a pandas Series or pyarrow array as a list
        return dict(self._store.ingest(items, _as_list(dates), _as_list(ids), kb=kb))

    def query(
        self,
        source: Optional[str] = None,
        target: Optional[str] = None,
        dyad: Union[tuple[str, str], Sequence[str], str, None] = None,
        cameo: Optional[str] = None,
        root: Union[str, int, Sequence[Union[str, int]], None] = None,
        quad: Union[int, Sequence[int], None] = None,
        start: DateLike = None,
        end: DateLike = None,
        limit: Optional[int] = None,
        as_pandas: bool = True,
        *,
        country_in: Optional[str] = None,
        dedup: str = "clusters",
    ) -> Union[pandas.DataFrame, pyarrow.RecordBatch]:
        """Stored events, with the filters of ``dyad query``.

        :param source: source actor: a country code (``"AZE"``, matching
            ``AZE``, ``AZEGOV``, ``NGOAZE`` …) or an actor-code prefix
            (``"AZEGOV"``).
        :param target: target actor, likewise.
        :param dyad: both actors, either direction: ``("AZE", "ARM")`` or
            ``"AZE,ARM"``.
        :param cameo: CAMEO code prefix (``"19"`` matches 19x and 19xx).
        :param root: CAMEO roots: ``"19"``, ``19``, ``[18, 19, 20]`` or ``"18,19"``.
        :param quad: quad classes 1-4: ``4`` or ``[3, 4]``.
        :param start: first event date, inclusive (str ``YYYY-MM-DD`` or ``datetime.date``).
        :param end: last event date, inclusive.
        :param limit: at most this many events.
        :param as_pandas: return a ``pandas.DataFrame`` (default); ``False``
            returns a ``pyarrow.RecordBatch``.
        :param country_in: ISO 3166 alpha-3 code of the event's location.
        :param dedup: ``"clusters"`` (default: one row per event cluster),
            ``"one-a-day"`` (one per source, target, CAMEO code and date) or
            ``"none"`` (every stored event).
        :returns: one row per event, in date order (undated last): the
            columns of :func:`code_batch` (:data:`COLUMNS`, same types)
            followed by :data:`STORE_COLUMNS` (``cluster_id``,
            ``num_mentions``, ``num_sources``, ``num_articles`` int64; ``url``,
            ``publisher``, ``title``, ``ingested_at``, ``kb_version``,
            ``dyad_version`` strings; ``published`` date32), as
            ``dyad query --format csv``.
        :raises ValueError: an invalid code, root, quad class, date or range.

        Needs pyarrow (and pandas for ``as_pandas=True``).
        """
        pa = _pyarrow("dyad.Store.query")
        columns = self._store.query_columns(
            source=source,
            target=target,
            dyad=dyad,
            cameo=cameo,
            root=root,
            quad=quad,
            start=start,
            end=end,
            country_in=country_in,
            limit=limit,
            dedup=dedup,
        )
        batch = _table(pa, list(_dyad.SCHEMA_FIELDS) + list(_dyad.STORE_FIELDS), columns)
        return batch.to_pandas() if as_pandas else batch

    def trend(
        self,
        dyad: Union[tuple[str, str], Sequence[str], str],
        by: str = "week",
        start: DateLike = None,
        end: DateLike = None,
        *,
        count: str = "clusters",
        as_pandas: bool = True,
    ) -> Union[pandas.DataFrame, pyarrow.RecordBatch]:
        """The series of a dyad, both directions summed, as ``dyad trend``.

        :param dyad: two country codes (or codes of actors without a country,
            such as ``IGOUNO``): ``("JPN", "USA")`` or ``"JPN,USA"``.
        :param by: period length: ``"day"``, ``"week"`` (ISO weeks, Monday to
            Sunday; default) or ``"month"``.
        :param start: first day, inclusive (default: the first period with events).
        :param end: last day, inclusive (default: the last period with events).
        :param count: ``"clusters"`` (deduplicated events, default) or ``"events"``.
        :param as_pandas: return a ``pandas.DataFrame`` (default); ``False``
            returns a ``pyarrow.RecordBatch``.
        :returns: one row per period, empty periods included (:data:`TREND_COLUMNS`):
            ``period`` (label: ``2020-10-05`` for days and weeks, ``2020-10``
            for months), ``start`` (date32, first day of the period),
            ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
            ``material_conflict``, ``total`` (int64), ``goldstein_sum``,
            ``goldstein_mean`` and ``balance`` ((cooperation − conflict) /
            total) (float64; null for an empty period).
        :raises ValueError: a bad dyad, period, count or date.
        """
        pa = _pyarrow("dyad.Store.trend")
        columns = self._store.trend_columns(dyad, by=by, start=start, end=end, count=count)
        batch = _table(pa, _dyad.TREND_FIELDS, columns)
        return batch.to_pandas() if as_pandas else batch
