"""Read stage: every `*.txt` in the seeds folder becomes a `Document`.

Takes: the seeds folder (plain-text documents, and optionally `documents.yml`). Gives: a list
of `Document`, sorted by id, each holding the full text exactly as decoded from the file, so
that character offsets computed by later stages index into `documents.text` unchanged (SQLite's
`substr()` counts the same characters as Python's string slicing).

A document's id is its file name without `.txt`: it is derived from the document, not from its
position, so adding a file never changes another document's id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.common.errors import BuildError
from scripts.curated.documents import METADATA_FILE_NAME, DocumentMetadata, load_document_metadata
from scripts.curated.redactions import Redactions, load_redactions

DOCUMENT_SUFFIX = ".txt"

# A document is an article or a page of letters; anything this large is not one of those and
# would be held in memory whole. Refused with a message rather than risk the build.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

# A word: letters or digits, with inner apostrophes or hyphens ("Kashmir’s", "self-determination").
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
LINE_BREAK = re.compile(r"\r\n|\n|\r")


@dataclass(frozen=True)
class Document:
    id: str
    source_file: str
    title: str
    publisher: str | None
    url: str | None
    published: str | None
    published_note: str | None
    sha256: str
    text: str
    word_count: int
    line_count: int
    signature_lists: tuple = ()  # curated hints (`SignatureListHint`) for the extract stage; no column


def read_documents(seeds_dir: Path, redactions: Redactions | None = None) -> list[Document]:
    """All documents in `seeds_dir`, sorted by id, with their curated metadata applied and
    withheld names replaced."""
    if not seeds_dir.is_dir():
        raise BuildError(seeds_dir, "seeds folder does not exist")
    metadata = load_document_metadata(seeds_dir)
    paths = sorted(seeds_dir.glob(f"*{DOCUMENT_SUFFIX}"))
    if not paths:
        raise BuildError(seeds_dir, f"no *{DOCUMENT_SUFFIX} documents in the seeds folder")
    file_names = {path.name for path in paths}
    for file_name, entry in metadata.items():
        if file_name not in file_names:
            raise BuildError(
                seeds_dir / METADATA_FILE_NAME,
                f"entry for {file_name}, but there is no such file in {seeds_dir}",
                entry.line,
            )
    redactions = load_redactions(seeds_dir) if redactions is None else redactions
    documents = [read_document(path, metadata.get(path.name), redactions) for path in paths]
    first_with_content: dict[str, Document] = {}
    for document in documents:
        earlier = first_with_content.setdefault(document.sha256, document)
        if earlier is not document:
            raise BuildError(
                seeds_dir / document.source_file,
                f"same content as {earlier.source_file} (sha256 {document.sha256[:12]}…): a document must be added once",
            )
    return documents


def read_document(path: Path, metadata: DocumentMetadata | None = None, redactions: Redactions = Redactions()) -> Document:
    """One document: its text decoded strictly as UTF-8 with withheld names replaced, its title
    from metadata or its first line."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise BuildError(
            path, f"document is {size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,} (split it or raise the limit)"
        )
    raw = path.read_bytes()
    text = redactions.apply(decode_text(path, raw))
    if not text.strip():
        raise BuildError(path, "document is empty (no text to build from)")
    metadata = metadata or DocumentMetadata()
    return Document(
        id=path.name[: -len(DOCUMENT_SUFFIX)],
        source_file=path.name,
        title=redactions.apply(metadata.title) if metadata.title else first_line(text),
        publisher=metadata.publisher,
        url=metadata.url,
        published=metadata.published,
        published_note=metadata.published_note,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        word_count=len(WORD.findall(text)),
        line_count=count_lines(text),
        signature_lists=metadata.signature_lists,
    )


def decode_text(path: Path, raw: bytes) -> str:
    """The file's text, or a BuildError naming the line of the first byte that is not text."""
    nul = raw.find(b"\x00")
    if nul != -1:
        raise BuildError(path, "contains a NUL byte: not a plain-text document", _line_of_byte(raw, nul))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(
            path,
            f"not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} (save the file as UTF-8)",
            _line_of_byte(raw, error.start),
        ) from None
    return text.removeprefix("\ufeff")  # a byte-order mark is encoding, not text


def count_lines(text: str) -> int:
    """Lines as `scripts.common.spans` numbers them: a final line break ends the last line."""
    breaks = len(LINE_BREAK.findall(text))
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)


def first_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


def _line_of_byte(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
