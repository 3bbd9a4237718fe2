"""Read stage, PDFs: the text of a PDF's text layer, a line per printed line, columns apart.

Takes: a `.pdf` file's bytes. Gives: its text as a careful reader would copy it:
- the words of each printed line, in reading order (pdfplumber, pinned, gives each word and
  where it is printed); a wide gap inside a line that is not a column's gutter is a tab, as
  between a table's cells;
- a blank line where the page leaves a space between two lines wider by half than its usual
  space between a paragraph's lines, and nearly as tall as a line (double-spaced text keeps
  its paragraphs, not a blank line a line);
- columns apart: where consecutive lines share one gutter or more (gaps no word crosses, with
  words on both sides), each column is read down to its end, then the next (a list of
  signatories in two or three columns is read name by name, not across);
- but a table read across, a row a line: under a header row of column names ("Name
  Organisation  Town"), its cells apart by tabs; without one, when its first column is
  people's names and its other cells are not, as "Amina Rauf, Rochdale Women's Forum", the
  way a curator copies it;
- a word hyphenated at a line's end ("organ-" / "isations", "Birming-" / "ham") joined on the
  first line only when the joined word is an English word (wordfreq's list, `WORD_ZIPF` or
  commoner) and the document does not print it hyphenated elsewhere ("co-operation" stays as
  printed where the document writes "co-operation"); otherwise the lines stay as printed
  ("self-" / "determination");
- running heads and feet (a line at a page's head or foot that recurs on half the pages, its
  numbers aside) and page numbers left out; pages joined by a line break, or a blank line
  where a page ends a sentence.

Refused, naming the file: a file that is not a PDF or is cut short, a PDF that needs a
password, and a PDF with no text layer or with a page that is an image with next to no words
(a scan, whole or in part: no OCR here; add its text as `.txt`).
A PDF encrypted only against editing or printing opens without a password and is read.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException
from wordfreq import zipf_frequency

from scripts.common.errors import BuildError
from scripts.pipeline.extract.items.shapes import has_organisation_word, reads_as_person_name

WORD_ZIPF = 2.5  # a joined word must be at least this common (3: once in a million words; "Kashmiri" is 2.96)
LINE_TOLERANCE = 0.5  # words whose tops differ by less than this share of their height are one line
PARAGRAPH_GAP = 0.8  # a space between lines this many times the text's height is a blank line (leading is some 0.2-0.4)
GUTTER_HEIGHTS = 1.5  # a gap this many times the text's height wide may be a column's gutter
RUNNING_LINES = 2  # the lines at a page's head and foot that may be a running head or foot
SCANNED_PAGE_WORDS = 10  # a page with an image and fewer words than this is a scan (a "Scanned with …" stamp aside)
DIGITS = re.compile(r"\d+")
SENTENCE_END = re.compile(r"[.!?][”\"’')]?$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE)
TABLE_HEADER_WORDS = frozenset({
    "name", "names", "full", "first", "last", "surname", "signatory", "signatories", "signed", "organisation", "organization",
    "organisations", "affiliation", "institution", "employer", "role", "position", "job", "title", "post", "town", "city",
    "place", "area", "location", "constituency", "ward", "borough", "county", "region", "party", "union", "branch", "group",
    "and", "or", "of", "/", "&",
})
TITLE_HEIGHT = 1.15  # a first line this many times the text's height is a title
HEADED, UNHEADED = "headed table", "table without a header"
TABLE_SHARE = 0.8  # a table when this share of its full rows start with a person's name and hold no other
HYPHENATED = re.compile(r"(\w+)-$")
WORD_START = re.compile(r"^([a-z]+)(.*)$", re.DOTALL)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def words_text(self) -> str:
        """The line's words, a space between each."""
        return " ".join(word.text for word in self.words)

    def text(self, gutter: float) -> str:
        """The line's words, a tab where they are `gutter` or more apart."""
        out = ""
        for index, word in enumerate(self.words):
            if index:
                out += "\t" if word.x0 - self.words[index - 1].x1 >= gutter else " "
            out += word.text
        return out


def read_pdf(path, raw: bytes) -> str:
    """The PDF's text, or a BuildError naming the file."""
    if not raw.startswith(b"%PDF-"):
        raise BuildError(path, "not a PDF (it does not start with %PDF-)")
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            read = [_page_lines(path, number, page) for number, page in enumerate(pdf.pages, start=1)]
    except BuildError:
        raise
    except PdfminerException as error:
        raise _refusal(path, error.args[0] if error.args else error) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException) as error:
        raise _refusal(path, error) from None
    except Exception as error:  # noqa: BLE001 - a broken file breaks the parser in many ways; each is the file's fault
        raise BuildError(path, f"not a PDF that can be read: it may be cut short or damaged ({type(error).__name__}: {error})") from None
    if not any(lines for lines, _ in read):
        raise BuildError(path, "the PDF has no text layer (a scan?): OCR is not done here; add the document's text as a .txt file")
    titled = bool(read[0][0]) and read[0][1]
    pages = _without_running_lines([lines for lines, _ in read if lines], titled)
    text = ""
    for lines in pages:
        if text:
            # A page that ends a sentence ends a paragraph; a list or a sentence runs on to the next page.
            text += "\n\n" if SENTENCE_END.search(text.rstrip("\n")) else "\n"
        text += "\n".join(lines)
    return _joined_hyphens(text) + "\n"


def _without_running_lines(pages: list[list[str]], titled: bool) -> list[list[str]]:
    """Pages without their running heads and feet: a line among a page's first or last
    `RUNNING_LINES` that recurs (its numbers aside) on at least half the pages, and page numbers;
    the first page's first line stays when it is `titled` (printed larger than the text: a title
    its later pages repeat as their head)."""
    def edges(lines: list[str]) -> set[int]:
        return set(range(min(RUNNING_LINES, len(lines)))) | set(range(max(0, len(lines) - RUNNING_LINES), len(lines)))

    def shape(line: str) -> str:
        return DIGITS.sub("#", line.strip())

    counts: dict[str, int] = {}
    for lines in pages:
        for key in {shape(lines[index]) for index in edges(lines) if lines[index].strip()}:
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, count in counts.items() if len(pages) >= 2 and count >= max(2, len(pages) / 2)}
    kept = []
    for number, lines in enumerate(pages):
        # The first page's first line is its title even when later pages repeat it as their head.
        at_edges = edges(lines) - ({0} if number == 0 and titled else set())
        lines = [line for index, line in enumerate(lines) if index not in at_edges or not (shape(line) in running or PAGE_NUMBER.match(line.strip()))]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        kept.append(lines)
    return [lines for lines in kept if lines]


def _refusal(path, error) -> BuildError:
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return BuildError(path, "the PDF is encrypted and needs a password: save an unprotected copy")
    return BuildError(path, f"not a PDF that can be read: it may be cut short or damaged ({type(error).__name__})")


def _page_lines(path, number: int, page) -> tuple[list[str], bool]:
    """The page's lines, and whether its first is printed larger than its text (a title)."""
    words = [
        Word(word["text"], word["x0"], word["x1"], word["top"], word["bottom"])
        for word in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2)
    ]
    if page.images and len(words) < SCANNED_PAGE_WORDS:
        raise BuildError(path, f"page {number} is an image with {len(words)} words of text (a scan?): OCR is not done here; add the document's text as a .txt file")
    lines = _lines(words)
    if not lines:
        return [], False
    height = statistics.median(line.height for line in lines)
    gutter = GUTTER_HEIGHTS * height
    left, right = min(word.x0 for word in words), max(word.x1 for word in words)
    paragraph_gap = _paragraph_gap(lines, height)
    out: list[str] = []
    index = 0
    previous = None
    while index < len(lines):
        run, splits, rows = _column_run(lines, index, gutter, left, right, paragraph_gap)
        group = lines[index : index + run]
        if previous is not None and group[0].top - previous.bottom > paragraph_gap:
            out.append("")
        table = _table_kind(rows) if splits else None
        if not splits or table == HEADED:
            out += [line.text(gutter) for line in group]  # read across: a line, or a headed table's rows, cells apart by tabs
        elif table == UNHEADED:
            # A row of a table without a header, as a curator copies it: "Name, Organisation".
            out += [", ".join(cell.words_text for cell in row if cell.words) for row in rows]
        else:
            for column in range(len(splits) + 1):  # read down: each column to its end, then the next
                out += _spaced([cell for cell in (row[column] for row in rows) if cell.words], gutter, paragraph_gap)
        previous = group[-1]
        index += run
    return out, lines[0].height > TITLE_HEIGHT * height


def _paragraph_gap(lines: list[Line], height: float) -> float:
    """How tall a space between two lines must be to part paragraphs: more than the page's usual
    space between the lines of a paragraph (its quarter-way value, as single lines of their own
    are many) by half, and at least `PARAGRAPH_GAP` of the text's height."""
    spaces = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom)
    usual = spaces[len(spaces) // 4] if spaces else 0.0
    return max(PARAGRAPH_GAP * height, 1.5 * usual)


def _spaced(lines: list[Line], gutter: float, paragraph_gap: float) -> list[str]:
    """A column's lines, a blank line where its paragraphs part."""
    out = []
    for index, line in enumerate(lines):
        if index and line.top - lines[index - 1].bottom > paragraph_gap:
            out.append("")
        out.append(line.text(gutter))
    return out


def _lines(words: list[Word]) -> list[Line]:
    """Words grouped into printed lines, top to bottom, each line's words left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1].top) < LINE_TOLERANCE * max(word.bottom - word.top, 1):
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _column_run(lines: list[Line], start: int, gutter: float, left: float, right: float, paragraph_gap: float) -> tuple[int, list[float], list[list[Line]]]:
    """How many lines from `start` share one gutter or more (gaps no word crosses, at least
    `gutter` wide, inside the text), the middle of each, and each line's cells between them;
    (1, [], []) when fewer than two of them have words on both sides of a gutter."""
    current = [(a, b) for a, b in _free(lines[start], left, right) if b - a >= gutter and a > left and b < right]
    if not current:
        return 1, [], []
    count = 1
    for line in lines[start + 1 :]:
        if line.top - lines[start + count - 1].bottom > paragraph_gap:
            break
        free = _free(line, left, right)
        narrowed = []
        for low, high in current:
            overlap = [(max(low, a), min(high, b)) for a, b in free if min(high, b) - max(low, a) >= gutter]
            if not overlap:
                break
            narrowed.append(overlap[0])
        if len(narrowed) < len(current):
            break
        current = narrowed
        count += 1
    splits = [(low + high) / 2 for low, high in current]
    cells = [_cells(line, splits) for line in lines[start : start + count]]
    parted = sum(1 for row in cells if sum(1 for cell in row if cell.words) >= 2)
    # Two lines of which one is parted ("Amina Rauf  Julie Marsden" / "Colin Booth") are columns
    # when every cell is a signatory's name; otherwise it takes two parted lines.
    names_only = all(reads_as_person_name(cell.words_text) or has_organisation_word(cell.words_text) for row in cells for cell in row if cell.words)
    if count < 2 or parted < (1 if names_only else 2):
        return 1, [], []
    return count, splits, cells


def _cells(line: Line, splits: list[float]) -> list[Line]:
    """The line's words between each pair of split points, left to right."""
    edges = [float("-inf"), *splits, float("inf")]
    return [Line([word for word in line.words if low <= (word.x0 + word.x1) / 2 < high]) for low, high in zip(edges, edges[1:])]


def _table_kind(rows: list[list[Line]]) -> str | None:
    """Whether lines split into cells are a table's rows (read across) rather than columns of one
    list (read down): HEADED under a header row of column names ("Name  Organisation  Town"),
    UNHEADED when a first column of people's names stands beside cells that are not ("Amina
    Rauf  Rochdale Women's Forum"); None for columns."""
    texts = [[cell.words_text for cell in row] for row in rows]
    if all(word.strip(":").lower() in TABLE_HEADER_WORDS for cell in texts[0] for word in cell.split()):
        return HEADED
    full = [row for row in texts if all(row)]
    if not full:
        return None
    people_first = sum(reads_as_person_name(row[0]) for row in full)
    people_beside = sum(any(reads_as_person_name(cell) for cell in row[1:]) for row in full)
    return UNHEADED if people_first >= TABLE_SHARE * len(full) and people_beside <= (1 - TABLE_SHARE) * len(full) else None


def _free(line: Line, left: float, right: float) -> list[tuple[float, float]]:
    """The stretches of the line's width no word covers, margins included."""
    free, x = [], left
    for word in line.words:
        if word.x0 > x:
            free.append((x, word.x0))
        x = max(x, word.x1)
    if right > x:
        free.append((x, right))
    return free


def _joined_hyphens(text: str) -> str:
    """`organ-` + `isations …` -> `organisations` + `…`, where the joined word is a word."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) - 1:
        end, start = HYPHENATED.search(lines[index]), WORD_START.match(lines[index + 1])
        # Joined where the joined word is a word ("organ-" + "isations"), unless the document
        # prints the word with its hyphen elsewhere ("co-operation").
        joined = end.group(1) + start.group(1) if end and start else ""
        hyphenated = re.compile(rf"(?<!\w){re.escape(end.group(1))}-{re.escape(start.group(1))}(?!\w)", re.IGNORECASE) if joined else None
        if joined and zipf_frequency(joined, "en") >= WORD_ZIPF and not hyphenated.search(text):
            lines[index] = lines[index][: end.start()] + end.group(1) + start.group(1)
            rest = start.group(2).lstrip(" ")
            if rest:
                lines[index + 1] = rest
            else:
                del lines[index + 1]  # the line held only the word's end: no blank line is made of it
        index += 1
    return "\n".join(lines)
