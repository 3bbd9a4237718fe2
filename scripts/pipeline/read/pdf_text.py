"""Read stage, PDFs: the text of a PDF's text layer, a line per printed line, columns apart.

Takes: a `.pdf` file's bytes. Gives: its text as a careful reader would copy it:
- the words of each printed line, in reading order (pdfplumber, pinned, gives each word and
  where it is printed); a wide gap inside a line that is not a column's gutter is a tab, as
  between a table's cells;
- a blank line where the page leaves a space between two lines nearly as tall as a line
  (between paragraphs);
- columns apart: where consecutive lines share a gutter near the middle of the text (a gap
  no word crosses, with words on both sides), the left column is read down to its end, then
  the right (a two-column list of signatories is read name by name, not across);
- a word hyphenated at a line's end ("organ-" / "isations") joined on the first line only when
  the joined word is an English word (wordfreq's list, `WORD_ZIPF` or commoner) and the end
  is none ("re-" / "sign", "co-" / "operation" and "self-" / "determination" stay as printed);
- a table read across, a row a line with a tab between cells: lines with three cells or more,
  or under a header row of column names ("Name  Organisation  Town");
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

WORD_ZIPF = 3.0  # a joined word must be at least this common (3: once in a million words)
LINE_TOLERANCE = 0.5  # words whose tops differ by less than this share of their height are one line
PARAGRAPH_GAP = 0.8  # a space between lines this many times the text's height is a blank line (leading is some 0.2-0.4)
GUTTER_HEIGHTS = 1.5  # a gap this many times the text's height wide may be a column's gutter
RUNNING_LINES = 2  # the lines at a page's head and foot that may be a running head or foot
SCANNED_PAGE_WORDS = 10  # a page with an image and fewer words than this is a scan (a "Scanned with …" stamp aside)
DIGITS = re.compile(r"\d+")
SENTENCE_END = re.compile(r"[.!?][”\"’')]?$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE)
TABLE_HEADER_WORDS = frozenset({
    "name", "names", "signatory", "signatories", "organisation", "organization", "organisations", "role", "position",
    "title", "town", "city", "place", "area", "constituency", "ward", "party", "union", "branch", "group", "and", "/", "&",
})
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
            pages = [_page_lines(path, number, page) for number, page in enumerate(pdf.pages, start=1)]
    except BuildError:
        raise
    except PdfminerException as error:
        raise _refusal(path, error.args[0] if error.args else error) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException) as error:
        raise _refusal(path, error) from None
    except Exception as error:  # noqa: BLE001 - a broken file breaks the parser in many ways; each is the file's fault
        raise BuildError(path, f"not a PDF that can be read: it may be cut short or damaged ({type(error).__name__}: {error})") from None
    if not any(pages):
        raise BuildError(path, "the PDF has no text layer (a scan?): OCR is not done here; add the document's text as a .txt file")
    pages = _without_running_lines([lines for lines in pages if lines])
    text = ""
    for lines in pages:
        if text:
            # A page that ends a sentence ends a paragraph; a list or a sentence runs on to the next page.
            text += "\n\n" if SENTENCE_END.search(text.rstrip("\n")) else "\n"
        text += "\n".join(lines)
    return _joined_hyphens(text) + "\n"


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running heads and feet: a line among a page's first or last
    `RUNNING_LINES` that recurs (its numbers aside) on at least half the pages, and page numbers."""
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
    for lines in pages:
        at_edges = edges(lines)
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


def _page_lines(path, number: int, page) -> list[str]:
    words = [
        Word(word["text"], word["x0"], word["x1"], word["top"], word["bottom"])
        for word in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2)
    ]
    if page.images and len(words) < SCANNED_PAGE_WORDS:
        raise BuildError(path, f"page {number} is an image with {len(words)} words of text (a scan?): OCR is not done here; add the document's text as a .txt file")
    lines = _lines(words)
    if not lines:
        return []
    height = statistics.median(line.height for line in lines)
    gutter = GUTTER_HEIGHTS * height
    left, right = min(word.x0 for word in words), max(word.x1 for word in words)
    out: list[str] = []
    previous = None
    for group in _column_groups(lines, gutter, left, right, height):
        if previous is not None and group[0][0].top - previous.bottom > PARAGRAPH_GAP * height:
            out.append("")
        for part in _read_order(group):
            out.append(part.text(gutter))
        previous = group[-1][0]
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


def _column_groups(lines: list[Line], gutter: float, left: float, right: float, height: float) -> list[list[tuple[Line, float | None]]]:
    """Consecutive lines, grouped: a line alone, or a run of lines sharing a column gutter
    (each with the gutter's middle)."""
    groups = []
    index = 0
    while index < len(lines):
        run, split = _column_run(lines, index, gutter, left, right, height)
        if run > 1:
            groups.append([(line, split) for line in lines[index : index + run]])
            index += run
        else:
            groups.append([(lines[index], None)])
            index += 1
    return groups


def _column_run(lines: list[Line], start: int, gutter: float, left: float, right: float, height: float) -> tuple[int, float]:
    """How many lines from `start` share a gutter in the middle third of the text, and where."""
    middle_low, middle_high = left + (right - left) / 3, right - (right - left) / 3
    interior = [(a, b) for a, b in _free(lines[start], left, right) if b - a >= gutter and a > left and b < right]
    gaps = [(a, b) for a, b in interior if a < middle_high and b > middle_low]
    # Three cells or more, or a header row ("Name  Organisation"), make a table: read across.
    if not gaps or len(interior) > 1 or _is_header_row(lines[start], gaps[0]):
        return 1, 0.0
    low, high = gaps[0]
    count, both_sides = 1, 1
    for line in lines[start + 1 :]:
        if line.top - lines[start + count - 1].bottom > PARAGRAPH_GAP * height:
            break
        overlap = [(max(low, a), min(high, b)) for a, b in _free(line, left, right) if min(high, b) - max(low, a) >= gutter]
        if not overlap:
            break
        low, high = overlap[0]
        count += 1
        both_sides += any(word.x1 <= low for word in line.words) and any(word.x0 >= high for word in line.words)
    if both_sides < 2:
        return 1, 0.0
    return count, (low + high) / 2


def _is_header_row(line: Line, gap: tuple[float, float]) -> bool:
    """A table's header: every word on either side of the gap a column's name ("Name", "Town")."""
    return all(word.text.strip(":").lower() in TABLE_HEADER_WORDS for word in line.words)


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


def _read_order(group: list[tuple[Line, float | None]]) -> list[Line]:
    """A group's lines in reading order: a column run's left halves, then its right halves."""
    split = group[0][1]
    if split is None:
        return [line for line, _ in group]
    lefts = [Line([word for word in line.words if word.x1 <= split]) for line, _ in group]
    rights = [Line([word for word in line.words if word.x0 >= split]) for line, _ in group]
    return [line for line in lefts + rights if line.words]


def _joined_hyphens(text: str) -> str:
    """`organ-` + `isations …` -> `organisations` + `…`, where the joined word is a word."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) - 1:
        end, start = HYPHENATED.search(lines[index]), WORD_START.match(lines[index + 1])
        # Joined only where the end is no word of its own: "organ-" + "isations"; never "re-" +
        # "sign" or "co-" + "operation", which may be printed so.
        if end and start and zipf_frequency(start.group(1), "en") < WORD_ZIPF and zipf_frequency(end.group(1) + start.group(1), "en") >= WORD_ZIPF:
            lines[index] = lines[index][: end.start()] + end.group(1) + start.group(1)
            rest = start.group(2).lstrip(" ")
            if rest:
                lines[index + 1] = rest
            else:
                del lines[index + 1]  # the line held only the word's end: no blank line is made of it
        index += 1
    return "\n".join(lines)
