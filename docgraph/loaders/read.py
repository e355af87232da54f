"""Reading documents: files and folders in, :class:`Document` objects out.

Every failure is an :class:`InputError` that names the file (or the line of a ``.jsonl``
file), so a batch can report it and go on with the rest: a bad file never stops the
others, a bad line never drops the good lines of its file.

Document ids are stable and unique. A file's id is its path relative to the folder it was
found in, without the suffix (``report`` at the top of the folder, ``2024/report`` below
it; a file given by itself is its stem). When two documents would share an id (two
folders each with a ``report.txt``, in one build or in two builds into the same store),
the later one gets ``<id>-<8 hex digits of its source>`` and a note says so: a collision
never replaces another document. Sources are absolute, normalised paths, so the same
folder spelled relatively or absolutely is the same documents.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from docgraph.errors import InputError
from docgraph.graph.model import Document

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "ReadReport",
    "SourceFile",
    "find_files",
    "iter_documents",
    "normal_source",
    "read_documents",
    "read_file",
]

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"})
#: Larger files are refused rather than read into memory whole.
MAX_BYTES = 50 * 1024 * 1024

#: byte-order marks and the codec each announces (UTF-32 first: its LE mark starts with
#: UTF-16's)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(slots=True)
class ReadReport:
    """Documents read so far, the files (or lines) that could not be, and notes (an id
    that was taken, so a document got another)."""

    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, with its normalised path and the document id it starts from."""

    path: Path
    doc_id: str


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _normal_path(path: Path) -> Path:
    """Absolute, with the folders' symbolic links and ``..`` resolved but the file's own
    name kept (a link ``a.txt`` → ``b.txt`` stays ``a.txt``)."""
    return Path(_normal_file(str(path)))


def _normal_file(path: str) -> str:
    """:func:`_normal_path` on strings (pathlib cost 2 s over 30,000 stored sources)."""
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(_real_folder(folder), name)


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """``realpath`` of a folder, remembered: a build of 10,000 stored documents asked it
    30,000 times for the same few folders (2.2 s of adding ten documents). A link changed
    while the process runs is seen as the old path: that document is extracted again."""
    return os.path.realpath(folder)


def normal_source(source: str) -> str:
    """A stored document source in today's form: sources written by older versions are
    the path as typed (``docs/a.txt``); they are made absolute here, so that rebuilding
    the same files finds them."""
    if source.startswith("<stdin>"):
        return source  # text piped in: named by its digest, not a path
    path, sep, fragment = source.partition(".jsonl#")
    file = path + ".jsonl" if sep else source
    # what stores hold is already normal: checked with strings (pathlib cost 2 s for
    # the 30,000 calls of adding ten documents to a 10,000-document store)
    folder, name = os.path.split(file)
    if (
        os.path.isabs(file)
        and name
        and os.path.normpath(file) == file
        and (_real_folder(folder) == folder)
    ):
        return source
    normal = _normal_file(file)
    return normal + "#" + fragment if sep else normal


def find_files(paths: Iterable[str | Path]) -> Iterator[SourceFile | InputError]:
    """Expand files and folders (recursively, sorted) into the files docgraph reads.

    What cannot be read is an error naming it, never a silent skip: a broken or looping
    symbolic link, a folder that cannot be listed, a path longer than the system allows.
    """
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                root = Path(os.path.realpath(os.path.abspath(path)))
                yield from _walk(root, root, {str(root)})
            elif path.is_file():
                yield SourceFile(_normal_path(path), path.stem)
            elif path.is_symlink():
                yield InputError(path, _broken_link(path))
            elif path.exists():
                yield InputError(path, "not a regular file")
            else:
                yield InputError(path, "no such file or folder")
        except OSError as exc:
            yield InputError(path, f"cannot read: {_reason(exc)}")


def _broken_link(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back at itself); skipped"
    return f"broken symbolic link (its target {os.readlink(path)} does not exist); skipped"


def _walk(root: Path, folder: Path, ancestors: set[str]) -> Iterator[SourceFile | InputError]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(folder, f"cannot read the folder: {_reason(exc)}")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir():
                real = os.path.realpath(path)
                if real in ancestors:
                    yield InputError(path, "symbolic link loop (a link to a folder above it)")
                    continue
                yield from _walk(root, path, ancestors | {real})
                continue
            if path.suffix.lower() not in SUFFIXES or entry.name.startswith("."):
                continue
            if entry.is_file():
                doc_id = path.relative_to(root).with_suffix("").as_posix()
                yield SourceFile(path, doc_id)
            elif entry.is_symlink():
                yield InputError(path, _broken_link(path))
            else:
                yield InputError(path, "not a regular file")
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a link to itself, or links in a ring
                if path.suffix.lower() in SUFFIXES:
                    yield InputError(path, _broken_link(path))
                continue
            yield InputError(path, f"cannot read: {_reason(exc)}")


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
    """UTF-8 (with or without a BOM), or UTF-16/32 when a byte-order mark says so: the
    NUL bytes of UTF-16 are not a sign of a binary file when the file announces it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"not valid {codec.upper()} (bad bytes at offset {exc.start})"
                ) from None
            break
    else:
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
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters); docgraph reads text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: "-" among the paths: one document read from standard input
STDIN = object()


def _with_stdin(paths: Iterable[str | Path]) -> Iterator[SourceFile | InputError | object]:
    for raw in paths:
        if str(raw) == "-":
            yield STDIN
        else:
            yield from find_files([raw])


def _stdin_document(max_bytes: int) -> Document:
    """Standard input as one document: its id is ``stdin-`` and the first hex digits of its
    text's digest, so text piped in twice is one document and other text never replaces it."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    where = Path("<stdin>")
    if len(data) > max_bytes:
        raise InputError(where, f"larger than {max_bytes:,} bytes")
    text = _decode(where, data)
    if not text.strip():
        raise InputError(where, "empty")
    doc = _document("stdin", "<stdin>", text)
    return dataclasses.replace(
        doc, id=f"stdin-{doc.sha256[:8]}", source=f"<stdin>#{doc.sha256[:8]}"
    )


def _document(doc_id: str, source: str, text: str) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id, source, text, sha)


def read_file(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    doc_id: str | None = None,
    errors: list[InputError] | None = None,
) -> list[Document]:
    """The documents in one file (a ``.jsonl`` file holds one per line).

    ``doc_id`` defaults to the file's stem. A ``.jsonl`` file's bad lines go to
    ``errors`` when it is given, and its good lines are still returned; without it, a bad
    line raises one :class:`InputError` that names every bad line.
    """
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
        raise InputError(path, f"cannot read: {_reason(exc)}") from None
    text = _decode(path, data)
    doc_id = doc_id or path.stem
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        bad: list[InputError] = []
        docs = _read_jsonl(path, text, doc_id, bad)
        if bad and errors is None:
            raise InputError(path, "; ".join(e.reason for e in bad))
        if errors is not None:
            errors.extend(bad)
        return docs
    if suffix in (".html", ".htm"):
        parser = _HTMLText()
        parser.feed(text)
        text = parser.text()
    if not text.strip():
        raise InputError(path, "empty document (no text)")
    return [_document(doc_id, str(path), text)]


def _read_jsonl(path: Path, text: str, file_id: str, errors: list[InputError]) -> list[Document]:
    """One document per line. Lines end at ``\\n`` only: U+2028, U+2029 and U+0085 are
    valid inside JSON strings (``str.splitlines`` would cut the line there)."""
    docs: list[Document] = []
    first_line: dict[str, int] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(InputError(path, f"line {number}: not JSON ({exc})"))
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(record, dict) or "text" not in record:
            errors.append(
                InputError(path, f'line {number}: expected a JSON object with a "text" field')
            )
            continue
        if not isinstance(body, str):
            errors.append(InputError(path, f'line {number}: "text" is not a string'))
            continue
        if not body.strip():
            errors.append(InputError(path, f"line {number}: empty text"))
            continue
        given = record.get("id")
        doc_id = str(given) if given not in (None, "") else f"{file_id}-{number}"
        if doc_id in first_line:
            errors.append(
                InputError(
                    path,
                    f"line {number}: the id {doc_id!r} is already used on line "
                    f"{first_line[doc_id]}; skipped",
                )
            )
            continue
        first_line[doc_id] = number
        # a record with an id is that id wherever it moves in the file
        anchor = doc_id if given not in (None, "") else f"line-{number}"
        docs.append(_document(doc_id, f"{path}#{anchor}", body))
    if not docs and not errors:
        errors.append(InputError(path, "empty document (no records with text)"))
    return docs


def _collision_id(doc_id: str, source: str, taken: Mapping[str, str]) -> str:
    """``<id>-<digest of the source>``: the same file gets the same id in every build."""
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    candidate = f"{doc_id}-{digest[:8]}"
    n = 2
    while candidate in taken and taken[candidate] != source:
        candidate = f"{doc_id}-{digest[:8]}-{n}"
        n += 1
    return candidate


def read_documents(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = MAX_BYTES,
    known: Mapping[str, str] | None = None,
) -> ReadReport:
    """Read every document under ``paths``; bad files are collected, not raised.

    ``known`` maps the ids of documents already in a store to their sources: a file
    read before keeps its id, and a new file never takes the id of another one. This
    holds every document at once; :func:`iter_documents` gives them one file at a time.
    """
    report = ReadReport()
    report.documents.extend(iter_documents(paths, max_bytes=max_bytes, known=known, report=report))
    return report


def iter_documents(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = MAX_BYTES,
    known: Mapping[str, str] | None = None,
    report: ReadReport | None = None,
    stdin: Document | None = None,
) -> Iterator[Document]:
    """The documents under ``paths`` as they are read, a file at a time, so a build never
    holds the whole input; the errors and notes go to ``report`` as they are met (its
    ``documents`` stay empty). ``known`` as in :func:`read_documents`. ``stdin`` stands
    for ``-`` when standard input was already read (a second pass over the same paths).
    """
    report = report if report is not None else ReadReport()
    taken: dict[str, str] = {}  # id → source
    by_source: dict[str, str] = {}  # source → id
    for doc_id, source in (known or {}).items():
        source = normal_source(source)
        taken[doc_id] = source
        by_source.setdefault(source, doc_id)
    read_now: set[str] = set()
    for item in _with_stdin(paths):
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        try:
            if item is STDIN:
                docs = [stdin or _stdin_document(max_bytes)]
            else:
                docs = read_file(
                    item.path, max_bytes=max_bytes, doc_id=item.doc_id, errors=report.errors
                )
        except InputError as exc:
            report.errors.append(exc)
            continue
        for doc in docs:
            if doc.source in read_now:  # the same file named twice on the command line
                continue
            read_now.add(doc.source)
            if doc.source in by_source:
                doc = dataclasses.replace(doc, id=by_source[doc.source])
            elif doc.id in taken and taken[doc.id] != doc.source:
                new_id = _collision_id(doc.id, doc.source, taken)
                report.notes.append(
                    f"{doc.source}: the id {doc.id!r} is taken by {taken[doc.id]}; "
                    f"stored as {new_id!r}"
                )
                doc = dataclasses.replace(doc, id=new_id)
            taken[doc.id] = doc.source
            by_source[doc.source] = doc.id
            yield doc
