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
- :class:`InputTypeError` — raised for arguments of the wrong type; a subclass of
  both ``TypeError`` and ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    "__version__",
    "code",
    "code_batch",
    "default_knowledge_base",
    "schema",
]

#: Column names of :func:`code_batch`, in order: the header of ``dyad code --format csv``.
COLUMNS: tuple[str, ...] = tuple(name for name, _ in _dyad.SCHEMA_FIELDS)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "dyad.code_batch needs pyarrow: pip install pyarrow "
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
      (``affirmed``/``negated``), ``modality`` (``asserted``/``future``),
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
