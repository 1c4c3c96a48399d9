"""Type stubs of the Rust extension module ``dyad._dyad`` (see ``dyad/__init__.py``)."""

import datetime
import os
from collections.abc import Iterable, Sequence
from typing import Any, Optional, Union

_DateLike = Union[str, datetime.date, None]
_PathLike = Union[str, "os.PathLike[str]"]

__version__: str

#: ``(column name, type)`` pairs of ``code_batch``; types are ``string``,
#: ``date32``, ``int64``, ``int32`` and ``float64``.
SCHEMA_FIELDS: list[tuple[str, str]]

class InputTypeError(TypeError, ValueError):
    """An argument of the wrong type (None or bytes where a str is expected, …)."""

class KnowledgeBase:
    """The embedded knowledge base plus optional user files.

    ``path`` is a knowledge-base file (kind from its name: ``countries*.tsv``,
    ``agents*.tsv``, ``orgs*.tsv``, ``people*.tsv``, ``cameo_events*.tsv``,
    ``verbs*.txt``, ``nouns*.txt``), a directory of them (sorted, as
    ``dyad code --kb-dir``) or a list of files and directories.
    """

    def __new__(
        cls, path: Optional[Union[_PathLike, Sequence[_PathLike]]] = None
    ) -> "KnowledgeBase": ...
    @property
    def version(self) -> str:
        """Content identifier, e.g. ``"0.1.0+3f9a0c1b2d4e"``."""
    @property
    def warnings(self) -> list[str]:
        """Malformed lines met while loading (``file:line: message``)."""
    @property
    def stats(self) -> dict[str, int]:
        """Counts of loaded entries, as ``dyad kb stats`` prints them:
        ``countries``, ``country_phrases``, ``region_phrases``, ``places``,
        ``sectors``, ``agent_phrases``, ``orgs``, ``igos``, ``org_phrases``,
        ``people``, ``person_roles``, ``person_phrases``, ``patterns``,
        ``noun_patterns``, ``cameo_codes``, ``roots_with_patterns``."""

def default_knowledge_base() -> KnowledgeBase:
    """The embedded knowledge base used when no ``kb`` is given (loaded once)."""

def code(
    text: str,
    date: _DateLike = None,
    url: Optional[str] = None,
    id: Optional[Union[str, int]] = None,
    title: Optional[str] = None,
    source: Optional[str] = None,
    kb: Optional[KnowledgeBase] = None,
) -> list[dict[str, Any]]:
    """Code one text; its events as the JSON records of ``dyad code``."""

def code_columns(
    texts: Iterable[str],
    dates: Union[_DateLike, Sequence[_DateLike]] = None,
    ids: Optional[Sequence[Union[str, int, None]]] = None,
    kb: Optional[KnowledgeBase] = None,
    threads: Optional[int] = None,
) -> list[list[Any]]:
    """Code many texts; their events as columns in ``SCHEMA_FIELDS`` order."""

#: ``(column name, type)`` pairs ``Store.query_columns`` adds after ``SCHEMA_FIELDS``.
STORE_FIELDS: list[tuple[str, str]]

#: ``(column name, type)`` pairs of ``Store.trend_columns``.
TREND_FIELDS: list[tuple[str, str]]

class Store:
    """The SQLite event store of ``dyad ingest --db`` (wrapped by ``dyad.Store``)."""

    def __new__(cls, path: _PathLike) -> "Store": ...
    @property
    def path(self) -> "os.PathLike[str]":
        """The database file."""
    @property
    def closed(self) -> bool:
        """True after ``close()``."""
    def close(self) -> None:
        """Close the database; later calls raise ValueError."""
    def counts(self) -> dict[str, int]:
        """Row counts (documents, events, clusters, dyad_days, runs, unfinished_runs)."""
    def ingest(
        self,
        texts_or_docs: Iterable[Union[str, dict[str, Any]]],
        dates: Union[_DateLike, Sequence[_DateLike]] = None,
        ids: Optional[Sequence[Union[str, int, None]]] = None,
        kb: Optional[KnowledgeBase] = None,
    ) -> dict[str, int]:
        """Code and store documents; counts of what was added and skipped."""
    def query_columns(
        self,
        source: Optional[str] = None,
        target: Optional[str] = None,
        dyad: Union[str, Sequence[str], None] = None,
        cameo: Optional[str] = None,
        root: Union[str, int, Sequence[Union[str, int]], None] = None,
        quad: Union[int, Sequence[int], None] = None,
        start: _DateLike = None,
        end: _DateLike = None,
        country_in: Optional[str] = None,
        limit: Optional[int] = None,
        dedup: Optional[str] = None,
    ) -> list[list[Any]]:
        """Stored events as columns in ``SCHEMA_FIELDS + STORE_FIELDS`` order."""
    def trend_columns(
        self,
        dyad: Union[str, Sequence[str]],
        by: Optional[str] = None,
        start: _DateLike = None,
        end: _DateLike = None,
        count: Optional[str] = None,
    ) -> list[list[Any]]:
        """A dyad's series as columns in ``TREND_FIELDS`` order."""
