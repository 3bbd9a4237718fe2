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


def _salutation_to_valediction(pdf: FPDF) -> None:
    """The letter from "Dear Prime Minister," to "Yours sincerely,", then a gap."""
    pdf.set_font("Helvetica", "", 10)
    for line in PRINTED_LINES[6:]:
        if line:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.ln(4)


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


RUNNING_HEAD = "Calder Valley Kashmir Solidarity - open letter"
MANY_NAMES = [f"{town} {kind}" for town in ("Halifax", "Todmorden", "Brighouse", "Elland", "Hebden Bridge", "Sowerby Bridge")
              for kind in ("Community Trust", "Peace Group", "Interfaith Forum", "Youth Club", "Residents Association")]


def two_page_letter(path: Path) -> Path:
    """A letter whose list of 30 signatories runs from page 1 onto page 2, under a running head
    and above a running foot with the page's number, as a word processor prints them."""
    pdf = _new()
    lines = [line for line in PRINTED_LINES[6:]] + [""] + MANY_NAMES
    page_top, per_page = 35, 40
    for start in range(0, len(lines), per_page):
        if start:
            pdf.add_page()
        pdf.set_font("Helvetica", "", 8)
        pdf.set_xy(20, 12)
        pdf.cell(0, 5, RUNNING_HEAD)
        pdf.set_xy(20, 285)
        pdf.cell(0, 5, f"calderkashmir.example.org    Page {start // per_page + 1} of 2")
        pdf.set_font("Helvetica", "", 10)
        pdf.set_xy(20, page_top)
        for line in lines[start : start + per_page]:
            if line:
                pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(4)
    pdf.output(str(path))
    return path


def table_letter(path: Path) -> Path:
    """A letter whose signatories are a table under a header row: name, organisation, town."""
    pdf = _new()
    _salutation_to_valediction(pdf)
    rows = [("Name", "Organisation", "Town"), ("Amina Shah", "Halifax Central Mosque", "Halifax"),
            ("Peter Lord", "Calder Valley Trades Council", "Hebden Bridge"), ("Yusuf Khan", "Elland Community Trust", "Elland")]
    top = pdf.get_y()
    for row, cells in enumerate(rows):
        for column, cell in zip((20, 75, 140), cells):
            pdf.set_xy(column, top + 6 * row)
            pdf.cell(50, 5, cell)
    pdf.output(str(path))
    return path


def partly_scanned(path: Path, image: Path) -> Path:
    """The letter's first page as text, its second a scanned image (`image`, a PNG to make)."""
    from PIL import Image

    Image.new("L", (600, 800), color=200).save(image)
    pdf = _new()
    _letter(pdf)
    pdf.add_page()
    pdf.image(str(image), x=20, y=20, w=170)
    pdf.output(str(path))
    return path


def grid_letter(path: Path, columns: list[list[str]], xs: list[float]) -> Path:
    """The letter's prose, then `columns` of cells side by side, each column's cells printed down
    from the same top at its x (mm): a list in columns, or a table's columns."""
    pdf = _new()
    _salutation_to_valediction(pdf)
    top = pdf.get_y()
    for x, cells in zip(xs, columns):
        for row, cell in enumerate(cells):
            pdf.set_xy(x, top + 5 * row)
            pdf.cell(50, 5, cell)
    pdf.output(str(path))
    return path
