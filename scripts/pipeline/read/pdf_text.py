"""Read stage, PDFs: the text of a PDF's text layer, a line per printed line, columns apart.

Takes: a `.pdf` file's bytes. Gives: its text as a careful reader would copy it:
- the words of each printed line, in reading order (pdfplumber, pinned, gives each word and
  where it is printed); a wide gap inside a line that is not a column's gutter is a tab, as
  between a table's cells;
- a blank line where the page leaves a space between two lines nearly as tall as a line
  (between paragraphs), and between pages; a page's number alone on a line is left out;
- columns apart: where consecutive lines share a gutter near the middle of the text (a gap
  no word crosses, with words on both sides), the left column is read down to its end, then
  the right (a two-column list of signatories is read name by name, not across);
- a word hyphenated at a line's end ("organ-" / "isations") joined on the first line only when
  the joined word is an English word (wordfreq's list, `WORD_ZIPF` or commoner); otherwise the
  lines stay as printed ("self-" / "determination").

Refused, naming the file: a file that is not a PDF or is cut short, a PDF that needs a
password, and a PDF with no text layer (a scan: no OCR here; add its text as `.txt`).
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
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE)
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
            pages = [_page_lines(page) for page in pdf.pages]
    except PdfminerException as error:
        raise _refusal(path, error.args[0] if error.args else error) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException) as error:
        raise _refusal(path, error) from None
    except Exception as error:  # noqa: BLE001 - a broken file breaks the parser in many ways; each is the file's fault
        raise BuildError(path, f"not a PDF that can be read: it may be cut short or damaged ({type(error).__name__}: {error})") from None
    if not any(pages):
        raise BuildError(path, "the PDF has no text layer (a scan?): OCR is not done here; add the document's text as a .txt file")
    blocks = ["\n".join(lines) for lines in pages if lines]
    return _joined_hyphens("\n\n".join(blocks)) + "\n"


def _refusal(path, error) -> BuildError:
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return BuildError(path, "the PDF is encrypted and needs a password: save an unprotected copy")
    return BuildError(path, f"not a PDF that can be read: it may be cut short or damaged ({type(error).__name__})")


def _page_lines(page) -> list[str]:
    words = [
        Word(word["text"], word["x0"], word["x1"], word["top"], word["bottom"])
        for word in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2)
    ]
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
    while out and (PAGE_NUMBER.match(out[-1].strip()) or not out[-1].strip()):
        out.pop()
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
    gaps = [(a, b) for a, b in _free(lines[start], left, right) if b - a >= gutter and a < middle_high and b > middle_low and a > left and b < right]
    if not gaps:
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
        if end and start and zipf_frequency(end.group(1) + start.group(1), "en") >= WORD_ZIPF:
            lines[index] = lines[index][: end.start()] + end.group(1) + start.group(1)
            rest = start.group(2).lstrip(" ")
            if rest:
                lines[index + 1] = rest
            else:
                del lines[index + 1]  # the line held only the word's end: no blank line is made of it
        index += 1
    return "\n".join(lines)
