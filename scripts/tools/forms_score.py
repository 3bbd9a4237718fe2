"""How well the extractor reads the forms corpus: each invented document's expected results
(`tests/fixtures/forms/*.expected.yml`, written by reading the document) against a database
built from the corpus, field by field.

    python -m scripts.tools.forms_score --db build/forms.db [--expected tests/fixtures/forms]

For each document: its letters found (by the words of their titles), and for each expected
signature whether the database holds it exactly (name, kind, role, place, organisation signed
for, affiliation, member count, heading), holds it with some field wrong (which ones), or
misses it; signatures the database holds that the reader did not expect (invented); the
letters' unnamed and claimed counts; and the comments. `tests/test_forms_corpus.py` holds the
build to it; the closing notes of the forms issue quote its table.
"""

from __future__ import annotations

import functools
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from scripts.common.geometry import great_circle_km
from scripts.common.identifiers import normalise_name
from scripts.common.paths import REPO

SIGNATURE_FIELDS = ("kind", "role", "place", "organisation", "affiliation", "members", "heading")


@dataclass
class DocumentScore:
    document: str
    form: str
    expected: int = 0  # signatures the reader expects
    exact: int = 0
    wrong: dict[str, list[str]] = field(default_factory=dict)  # signature name -> fields that differ
    missed: list[str] = field(default_factory=list)  # expected signatures not found
    invented: list[str] = field(default_factory=list)  # signatures found that the reader did not expect
    letters_missed: list[str] = field(default_factory=list)
    letters_invented: int = 0
    letter_fields_wrong: list[str] = field(default_factory=list)  # "letter 1: unnamed 85 != None"
    comments_wrong: list[str] = field(default_factory=list)
    # Where each signatory is placed, against the reader's `located`: (signature, outcome, detail).
    placements: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def read_exactly(self) -> bool:
        return (
            self.exact == self.expected
            and not (self.invented or self.letters_missed or self.letters_invented or self.letter_fields_wrong or self.comments_wrong)
        )


def _same(expected, found) -> bool:
    if expected is None or found is None:
        return expected is None and found is None
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return str(expected) == str(found)
    return " ".join(str(expected).split()).casefold() == " ".join(str(found).split()).casefold()


def score(db_path: Path, expected_dir: Path) -> list[DocumentScore]:
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        columns = {row["name"] for row in connection.execute("pragma table_info(signatories)")}
        return [
            _score_document(connection, path.name.removesuffix(".expected.yml"), yaml.safe_load(path.read_text(encoding="utf-8")), columns)
            for path in sorted(expected_dir.glob("*.expected.yml"))
        ]


def _score_document(connection: sqlite3.Connection, document_id: str, expected: dict, columns: set[str]) -> DocumentScore:
    result = DocumentScore(document_id, expected["form"])
    letters = connection.execute("select * from letters where document_id = ? order by start", [document_id]).fetchall()
    unmatched = list(letters)
    for number, wanted in enumerate(expected.get("letters") or [], start=1):
        signatures = wanted.get("signatures") or []
        result.expected += len(signatures)
        words = [word.casefold() for word in wanted.get("title_words") or []]
        letter = _the_letter(connection, unmatched, words, signatures)
        if letter is None:
            result.letters_missed.append(" ".join(words))
            result.missed += [signature["name"] for signature in signatures]
            continue
        unmatched.remove(letter)
        _score_letter(connection, result, number, letter, wanted)
        _score_signatures(connection, result, letter, signatures, columns)
    result.letters_invented = len(unmatched)
    authors = [row[0] for row in connection.execute("select author from comments where document_id = ? order by start", [document_id])]
    wanted_authors = [comment["author"] for comment in expected.get("comments") or []]
    if [normalise_name(a) for a in authors] != [normalise_name(a) for a in wanted_authors]:
        result.comments_wrong.append(f"comments by {authors} != {wanted_authors}")
    return result


def _the_letter(connection, letters: list, title_words: list[str], signatures: list[dict]):
    """The letter found that the reader means: the one holding most of its signatures, else the
    one whose title holds its title words."""
    wanted = {normalise_name(signature["name"]) for signature in signatures}

    def shared(letter) -> int:
        names = connection.execute("select name from signatories where letter_id = ?", [letter["id"]]).fetchall()
        return len(wanted & {normalise_name(row[0]) for row in names})

    best = max(letters, key=shared, default=None)
    if best is not None and shared(best) > 0:
        return best
    return next((row for row in letters if all(word in row["title"].casefold() for word in title_words)), None)


def _without_the(text: str | None) -> str | None:
    return text[4:] if text and text.casefold().startswith("the ") else text


def _score_letter(connection, result: DocumentScore, number: int, letter, wanted: dict) -> None:
    claims = connection.execute("select count, bound from claims where letter_id = ? order by start", [letter["id"]]).fetchall()
    found = {
        "kind": letter["kind"],
        "addressee": letter["addressee"],
        "unnamed": letter["unnamed_signatories"],
        "claims": sorted((row["count"], row["bound"]) for row in claims),
    }
    expected = {
        "kind": wanted.get("kind"),
        "addressee": wanted.get("addressee"),
        "unnamed": wanted.get("unnamed"),
        "claims": sorted((claim.get("count"), claim.get("bound")) for claim in wanted.get("claims") or []),
    }
    for name, value in expected.items():
        if name == "addressee":  # "Dear Prime Minister" and "to the Prime Minister" name one addressee
            value, found[name] = (_without_the(text) for text in (value, found[name]))
        same = value == found[name] if name == "claims" else _same(value, found[name])
        if not same:
            result.letter_fields_wrong.append(f"letter {number}: {name} {found[name]!r}, expected {value!r}")
    words = wanted.get("title_words") or []
    if not all(word.casefold() in letter["title"].casefold() for word in words):
        result.letter_fields_wrong.append(f"letter {number}: title {letter['title']!r} does not hold {words}")


def _score_signatures(connection, result: DocumentScore, letter, signatures: list[dict], columns: set[str]) -> None:
    rows = connection.execute(
        "select signatories.*, organisations.name as organisation_name, locations.name as location_name, locations.kind as location_kind,"
        " locations.nation as location_nation, locations.latitude is not null as location_has_point, locations.latitude as location_latitude,"
        " locations.longitude as location_longitude, locations.precision_km as location_precision_km from signatories"
        " left join organisations on organisations.id = signatories.organisation_id"
        " left join locations on locations.id = signatories.location_id"
        " where letter_id = ? order by position",
        [letter["id"]],
    ).fetchall()
    unused = list(rows)
    for wanted in signatures:
        row = next((row for row in unused if normalise_name(row["name"]) == normalise_name(wanted["name"])), None)
        if row is None:
            result.missed.append(wanted["name"])
            continue
        unused.remove(row)
        if "located" in wanted:
            result.placements.append((wanted["name"], *placement(wanted["located"], row)))
        found = {
            "kind": row["kind"],
            "role": row["role"],
            "place": row["place"],
            "organisation": row["organisation_name"],
            "affiliation": row["affiliation"] if "affiliation" in columns else None,
            "members": row["member_count"],
            "heading": row["heading"] if "heading" in columns else None,
        }
        differ = [name for name in SIGNATURE_FIELDS if not _same(wanted.get(name), found[name])]
        if differ:
            result.wrong[wanted["name"]] = [f"{name} {found[name]!r}, expected {wanted.get(name)!r}" for name in differ]
        else:
            result.exact += 1
    result.invented += [row["name"] for row in unused]


PLACED_RIGHT = "placed at the right place"
PLACED_WITHOUT_POINT = "placed at the right place, which has no point"
PLACED_IN_THE_COUNTRY = "placed only in the United Kingdom as a whole"
PLACED_IN_THE_NATION = "placed in the right nation, the nearer place not resolved"
UNRESOLVED = "not placed"
PLACED_WRONGLY = "placed wrongly"


WITHIN_TOLERANCE_KM = 10  # the reader's `within` is a town the place lies in or beside, within about 10 km


def placement(located: dict, row) -> tuple[str, str]:
    """How the build placed a signatory, against where the reader places it. Right: one of the
    reader's places by name (or a town whose name begins one: "Newport" for the ward "Newport
    Central"), in the reader's nation, or the reader's nation itself; and where both have a
    point, within reach of the town the reader says it lies in (`within`): the two discs, the
    placed one and that town's, no farther apart than `WITHIN_TOLERANCE_KM`. Chapeltown of
    Sheffield for a Leeds letter's Chapeltown is wrong, whatever its name."""
    if row["location_id"] is None:
        return UNRESOLVED, f"{row['location_status']}: {row['location_method']}" + (f" (reader: {located['unlocated']})" if "unlocated" in located else "")
    if row["location_id"] == "united-kingdom":
        return PLACED_IN_THE_COUNTRY, f"{row['location_method']}" + (f" (reader: {located['unlocated']})" if "unlocated" in located else "")
    if "unlocated" in located:
        return PLACED_WRONGLY, f"at {row['location_name']}, where the reader places it nowhere ({located['unlocated']})"
    if row["location_kind"] == "nation" and row["location_nation"] == located["nation"]:
        return PLACED_IN_THE_NATION, row["location_name"]
    name = row["location_name"].casefold().replace(",", "")
    places = [place.casefold().replace(",", "") for place in located["places"]]
    right_name = name in places or any(place.startswith(name + " ") for place in places)
    if not right_name or (row["location_nation"] and row["location_nation"] != located["nation"]):
        return PLACED_WRONGLY, f"at {row['location_name']} ({row['location_nation']}), the reader at {located['places']} ({located['nation']})"
    if not row["location_has_point"]:
        return PLACED_WITHOUT_POINT, row["location_name"]
    reference = _reference_place(located.get("within"), located["nation"])
    if reference is not None:
        placed = (row["location_latitude"], row["location_longitude"])
        gap = great_circle_km(placed, (reference.latitude, reference.longitude)) - (row["location_precision_km"] or 0) - (reference.precision_km or 0)
        if gap > WITHIN_TOLERANCE_KM:
            return PLACED_WRONGLY, f"at {row['location_name']} ({row['location_id']}), {gap:.0f} km beyond the reach of {reference.name}, where the reader places it"
    return PLACED_RIGHT, row["location_name"]


@functools.cache
def _gazetteer():
    from scripts.pipeline.resolve.gazetteer import load_gazetteer

    return load_gazetteer(REPO / "seeds")


def _reference_place(name: str | None, nation: str):
    """The one place of the reader's `within` name in the reader's nation, with a point, if there is one."""
    if not name:
        return None
    found = [place for place in _gazetteer().candidates(name) if place.nation == nation and place.has_point]
    return found[0] if len(found) == 1 else None


def markdown(scores: list[DocumentScore]) -> str:
    lines = [
        "| document | form | expected | exact | wrong | missed | invented | letters missed / invented | letter fields wrong | comments |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for s in scores:
        lines.append(
            f"| {s.document} | {s.form} | {s.expected} | {s.exact} | {len(s.wrong)} | {len(s.missed)} | {len(s.invented)} |"
            f" {len(s.letters_missed)} / {s.letters_invented} | {len(s.letter_fields_wrong)} | {'ok' if not s.comments_wrong else 'wrong'} |"
        )
    total = [sum(getattr(s, name) if isinstance(getattr(s, name), int) else len(getattr(s, name)) for s in scores) for name in ("expected", "exact", "wrong", "missed", "invented")]
    lines.append(f"| all | | {total[0]} | {total[1]} | {total[2]} | {total[3]} | {total[4]} | | | |")
    return "\n".join(lines) + "\n"


@click.command(help="The forms corpus's expected results against a database built from it.")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True), required=True, help="a database built from the forms corpus")
@click.option("--expected", type=click.Path(path_type=Path, file_okay=False, exists=True), default="tests/fixtures/forms", show_default=True)
@click.option("--details", is_flag=True, help="also list every wrong, missed and invented signature")
def main(db: Path, expected: Path, details: bool) -> None:
    scores = score(db, expected)
    click.echo(markdown(scores))
    if details:
        for s in scores:
            for name, problems in s.wrong.items():
                click.echo(f"{s.document}: wrong {name}: {'; '.join(problems)}")
            for name in s.missed:
                click.echo(f"{s.document}: missed {name}")
            for name in s.invented:
                click.echo(f"{s.document}: invented {name}")
            for problem in s.letters_missed:
                click.echo(f"{s.document}: letter missed: {problem}")
            for problem in s.letter_fields_wrong + s.comments_wrong:
                click.echo(f"{s.document}: {problem}")


if __name__ == "__main__":
    main()
