"""PDFs the tests make themselves (fpdf2, a test-only dependency), as publishers print them.

`two_column_letter` prints tests/fixtures/forms/060_calder_valley_two_columns.txt as a
one-page letter would be: its prose wrapped to the page's width, one word hyphenated at a line's
end ("organ-" / "isations"), its signatories in two columns side by side, and a page number at
the foot. The others are the bad inputs a curator may be given: a scan with no text layer, a
PDF that needs a password, one protected only against editing, one cut short.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

# The letter as printed: each string a printed line; "" a paragraph's gap.
PRINTED_LINES = [
    "Community, faith and trade union organisations from across the Calder Valley have",
    "written to the Prime Minister about Kashmir. The letter and its signatories are printed",
    "below, as the groups published it.",
    "",
    "Open letter to the Prime Minister on Kashmir",
    "",
    "Dear Prime Minister,",
    "",
    "We, the undersigned community and faith organ-",
    "isations of the Calder Valley, write to ask the government to press for an end to the",
    "restrictions in Kashmir and for the release of those held without charge.",
    "",
    "We ask you to raise the matter at the United Nations and to support the right of the",
    "people of Kashmir to decide their own future.",
    "",
    "Yours sincerely,",
]
LEFT_COLUMN = ["Halifax Central Mosque", "Todmorden Peace Group", "Brighouse Interfaith Forum", "Elland Community Trust", "Sowerby Bridge Unity Group"]
RIGHT_COLUMN = ["Hebden Bridge Friends of Kashmir", "Calder Valley Trades Council", "Park Ward Residents Association", "Illingworth Youth Club"]
TITLE = "Calder Valley groups write to the Prime Minister on Kashmir"
NOTE = "Fictional test document: the people and organisations named here are invented; the places are real."


def _new() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(2021, 8, 1, tzinfo=timezone.utc))  # the same bytes every time
    pdf.add_page()
    return pdf


def _letter(pdf: FPDF, row_by_row: bool = False) -> None:
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 5, NOTE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in PRINTED_LINES:
        if line:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.ln(4)
    top = pdf.get_y()
    cells = [(column, row, name) for column, names in ((20, LEFT_COLUMN), (110, RIGHT_COLUMN)) for row, name in enumerate(names)]
    if row_by_row:  # as a word processor's table writes them: across, then down
        cells.sort(key=lambda cell: (cell[1], cell[0]))
    for column, row, name in cells:
        pdf.set_xy(column, top + 5 * row)
        pdf.cell(80, 5, name)
    pdf.set_xy(20, 280)
    pdf.cell(0, 5, "Page 1 of 1", align="C")


def two_column_letter(path: Path, row_by_row: bool = False) -> Path:
    """The letter; `row_by_row`: its two columns written into the file across then down, not
    column by column (the order the file holds its words in is not the order they are read)."""
    pdf = _new()
    _letter(pdf, row_by_row)
    pdf.output(str(path))
    return path


def scanned(path: Path) -> Path:
    """A page with no text layer: what a scanner makes (drawn here as shapes, not letters)."""
    pdf = _new()
    for row in range(20):
        pdf.rect(20, 20 + 10 * row, 170, 4, style="F")
    pdf.output(str(path))
    return path


def encrypted(path: Path, user_password: str = "secret") -> Path:
    """The letter, encrypted: with a user password it cannot be opened without it; with none it
    opens, protected only against editing and printing."""
    pdf = _new()
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    _letter(pdf)
    pdf.output(str(path))
    return path


def cut_short(path: Path) -> Path:
    """The letter, its file cut off halfway, as an interrupted download leaves it."""
    two_column_letter(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path
