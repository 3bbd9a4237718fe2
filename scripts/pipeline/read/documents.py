"""Read stage: every document in the seeds folder becomes a `Document`.

Takes: the seeds folder (documents as plain text `.txt`, saved web pages `.html`/`.htm` and
PDFs `.pdf`, and optionally `documents.yml`). Gives: a list of `Document`, sorted by id, each
holding its full text: a `.txt` file exactly as decoded; a web page's article and comments
(`html_text`); a PDF's text layer (`pdf_text`). Every later offset indexes into that text,
`documents.text`, unchanged (SQLite's `substr()` counts the same characters as Python's string
slicing). The original file's sha256, size and format are kept; the original itself is
published only where `documents.yml` says it may be (`redistribute: yes`).

A web page's own declarations (title, site name, canonical address, date) fill the metadata
`documents.yml` leaves out, each kept as a provenance statement (`declared_statements`).

A document's id is its file name without its extension: it is derived from the document, not
from its position, so adding a file never changes another document's id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from scripts.common.errors import BuildError
from scripts.curated.documents import DOCUMENT_FORMATS, METADATA_FILE_NAME, DocumentMetadata, load_document_metadata
from scripts.curated.redactions import Redactions, load_redactions
from scripts.pipeline.resolve.provenance import DECLARED, PAGE_METADATA, How, Statement

MEDIA_TYPES = {"text": "text/plain; charset=utf-8", "html": "text/html", "pdf": "application/pdf"}

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
    sha256: str  # of the original file, as its bytes are
    text: str
    word_count: int
    line_count: int
    source_format: str = "text"  # text, html or pdf (`DOCUMENT_FORMATS`)
    source_bytes: int = 0  # the original file's size
    redistributable: bool = False  # whether `documents.yml` lets the original be published
    original: bytes | None = None  # the original file's bytes, read once, when it may be published; no column
    signature_lists: tuple = ()  # curated hints (`SignatureListHint`) for the extract stage; no column
    declared: tuple = ()  # `html_text.DeclaredValue`s: metadata the page declared and documents.yml left out; no column

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.source_format]


def read_documents(seeds_dir: Path, redactions: Redactions | None = None) -> list[Document]:
    """All documents in `seeds_dir`, sorted by id, with their curated metadata applied and
    withheld names replaced."""
    if not seeds_dir.is_dir():
        raise BuildError(seeds_dir, "seeds folder does not exist")
    metadata = load_document_metadata(seeds_dir)
    paths = sorted(path for path in seeds_dir.iterdir() if path.suffix.lower() in DOCUMENT_FORMATS and path.is_file())
    if not paths:
        raise BuildError(seeds_dir, f"no documents in the seeds folder ({', '.join('*' + suffix for suffix in DOCUMENT_FORMATS)})")
    by_id: dict[str, Path] = {}
    for path in paths:
        earlier = by_id.setdefault(path.stem, path)
        if earlier is not path:
            raise BuildError(path, f"same name as {earlier.name}: one document, one file (its id is the name without the extension)")
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
    """One document: its text (a `.txt` file decoded strictly as UTF-8; a page's or a PDF's as
    read) with withheld names replaced; its title from metadata, the page's declaration or its
    first line."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise BuildError(
            path, f"document is {size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,} (split it or raise the limit)"
        )
    raw = path.read_bytes()
    source_format = DOCUMENT_FORMATS[path.suffix.lower()]
    declared: tuple = ()
    # The web page and PDF readers (and their libraries, 0.4 s to import) load only when needed.
    if source_format == "html":
        from scripts.pipeline.read.html_text import read_html

        page = read_html(path, raw)
        text, declared = page.text, page.declared
    elif source_format == "pdf":
        from scripts.pipeline.read.pdf_text import read_pdf

        text = read_pdf(path, raw)
    else:
        text = decode_text(path, raw)
    as_read, text = text, redactions.apply(text)
    if not text.strip():
        raise BuildError(path, "document is empty (no text to build from)")
    metadata = metadata or DocumentMetadata()
    if metadata.redistribute and (text != as_read or _holds_a_withheld_name(raw, redactions)):
        raise BuildError(
            path.parent / METADATA_FILE_NAME,
            f"{path.name} may not be redistributed: names in it are withheld (redactions.yml), and its original file holds them",
            metadata.line,
        )
    # What the page declares fills only what documents.yml leaves out.
    used = tuple(value for value in declared if getattr(metadata, value.column) is None)
    page_says = {value.column: redactions.apply(value.value) for value in used}
    published_note = metadata.published_note
    if "published" in page_says and published_note is None:
        source = next(value for value in used if value.column == "published")
        published_note = f"as the page declares it: {source.tag} {source.raw}"
    return Document(
        id=path.stem,
        source_file=path.name,
        title=redactions.apply(metadata.title) if metadata.title else page_says.get("title") or first_line(text),
        publisher=metadata.publisher or page_says.get("publisher"),
        url=metadata.url or page_says.get("url"),
        published=metadata.published or page_says.get("published"),
        published_note=published_note,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        word_count=len(WORD.findall(text)),
        line_count=count_lines(text),
        source_format=source_format,
        source_bytes=size,
        redistributable=metadata.redistribute,
        original=raw if metadata.redistribute else None,
        signature_lists=metadata.signature_lists,
        declared=tuple(replace(value, raw=redactions.apply(value.raw)) for value in used),
    )


def _holds_a_withheld_name(raw: bytes, redactions: Redactions) -> bool:
    """Whether the file's own words, markup and all, print a withheld name (a page's head counts)."""
    loosely = raw.decode("utf-8", "ignore")
    return redactions.apply(loosely) != loosely


def declared_statements(document: Document) -> list[dict]:
    """Provenance rows for the metadata a page declared: the declared words, the tag they were
    read from and the file."""
    return [
        Statement("documents", document.id, value.column, getattr(document, value.column), None, How(PAGE_METADATA, DECLARED, value.tag, value.where)).row(document.id)
        | {"raw_text": value.raw}
        for value in document.declared
    ]


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
