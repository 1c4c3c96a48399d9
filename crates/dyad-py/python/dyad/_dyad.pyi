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
        """Counts of loaded entries."""

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
