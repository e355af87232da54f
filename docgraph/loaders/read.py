"""Reading documents: files and folders in, :class:`Document` objects out.

Every failure is an :class:`InputError` that names the file, so a batch can report it and
go on with the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docgraph.errors import InputError
from docgraph.graph.model import Document, slugify

__all__ = ["MAX_BYTES", "SUFFIXES", "ReadReport", "find_files", "read_documents", "read_file"]

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"})
#: Larger files are refused rather than read into memory whole.
MAX_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class ReadReport:
    """Documents read so far and the files that could not be."""

    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand files and folders (recursively, sorted) into the files docgraph reads."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputError(path, "not a regular file")
        else:
            yield InputError(path, "no such file or folder")


class _HTMLText(HTMLParser):
    """Visible text of an HTML page, a block element per line; script and style dropped."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes); docgraph reads text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it, e.g. iconv -f latin1 -t utf-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _document(doc_id: str, source: str, text: str) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id, source, text, sha)


def read_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[Document]:
    """The documents in one file (a ``.jsonl`` file holds one per line)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    text = _decode(path, data)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(path, text)
    if suffix in (".html", ".htm"):
        parser = _HTMLText()
        parser.feed(text)
        text = parser.text()
    if not text.strip():
        raise InputError(path, "empty document (no text)")
    return [_document(path.stem, str(path), text)]


def _read_jsonl(path: Path, text: str) -> list[Document]:
    docs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            body = record["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                path, f'line {number}: expected a JSON object with a "text" field ({exc})'
            ) from None
        if not isinstance(body, str) or not body.strip():
            continue
        doc_id = str(record.get("id") or f"{path.stem}-{number}")
        docs.append(_document(doc_id, f"{path}#{number}", body))
    if not docs:
        raise InputError(path, "empty document (no records with text)")
    return docs


def read_documents(paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES) -> ReadReport:
    """Read every document under ``paths``; bad files are collected, not raised."""
    report = ReadReport()
    seen: dict[str, str] = {}
    for item in find_files(paths):
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        try:
            docs = read_file(item, max_bytes=max_bytes)
        except InputError as exc:
            report.errors.append(exc)
            continue
        for doc in docs:
            if doc.id in seen and seen[doc.id] != doc.source:
                # same file name in two folders: keep both, apart
                doc = _document(slugify(doc.source), doc.source, doc.text)
            seen[doc.id] = doc.source
            report.documents.append(doc)
    return report
