"""Benchmark corpus: a deterministic generator of synthetic documents in the seeds' forms.

    python -m scripts.tools.generate_corpus --documents 1000 --out build/bench/corpus-1000 [--seed 2026]

Writes DOCUMENTS plain-text files (and the seeds' register and places files beside them) whose
letters use the forms the extractor knows: an article with a claim ("over 120 councillors …
have signed a letter"), an open letter introduced by "Below is the full text of the open letter
organised by …" with "Name, Place, Role" lines and "and N others", a letter introduced by
"Here is the letter from … in full:" with a list after "Yours sincerely," of organisations,
some with member counts ("– 12 organisations") and some signed "X on behalf of Y", and a third
letter in one of the other common forms, in turn by chance: elected members and peers under a
heading and salutation, "Name – Role, Organisation" lines, councillors run on after "Signed
by:", or a table of signatories. Places are
real names from the gazetteer; people and organisations are invented. The same seed and size
always give the same files, byte for byte. Documents average about 105 signatures.

Beside them, `corpus.json` records what each document was written with (its letters, their
signatures, unnamed signatories, stated members and claim), so tests can check the extractor
against what is known to be there rather than against itself.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import click

from scripts.common.paths import REPO
from scripts.pipeline.resolve.gazetteer import geonames_united_kingdom

FIRST_NAMES = (
    "Aisha", "Amir", "Bilal", "Catherine", "Daniel", "Farah", "Fatima", "George", "Hannah", "Hassan", "Imran",
    "James", "Javed", "Khadija", "Laura", "Mariam", "Mohammed", "Nadia", "Omar", "Priya", "Rachel", "Rizwan",
    "Samina", "Sarah", "Tariq", "Thomas", "Usman", "Yasmin", "Zainab", "Zubair",
)
SURNAMES = (
    "Ahmed", "Akhtar", "Ali", "Baker", "Begum", "Bhatti", "Chaudhry", "Clarke", "Evans", "Farooq", "Hughes",
    "Hussain", "Iqbal", "Jones", "Khan", "Mahmood", "Malik", "Mirza", "Patel", "Qureshi", "Rahman", "Raja",
    "Rashid", "Shah", "Sheikh", "Siddiqui", "Taylor", "Walker", "Williams", "Yousaf",
)
ROLES = (
    "Councillor", "Labour member", "UNISON Branch Secretary", "GMB Branch Chair", "Trade unionist",
    "Councillor, Labour member", "CLP Secretary", "Community organiser", "UCU Member", "Mosque trustee",
)
ORGANISATION_FORMS = (
    "{place} Central Mosque", "{place} Islamic Centre", "Masjid {word} {place}", "{place} Muslim Association",
    "{place} Muslim Welfare Trust", "{word} Foundation {place}", "{place} Community Project",
    "Jamia Masjid {place}", "{place} Islamic Society", "{word} Educational Trust",
)
FEDERATION_FORMS = ("{place} Council of Mosques", "Federation of {place} Muslim Organisations")
WORDS = ("Noor", "Falah", "Tawhid", "Rahma", "Ihsan", "Sakina", "Huda", "Salam", "Barakah", "Iman", "Amanah", "Hikmah")
TOPICS = (
    "the right to self-determination of the people of Kashmir",
    "the lockdown and communications blackout in Kashmir",
    "the party's conference policy on Kashmir",
    "human rights in Kashmir and the need for dialogue",
)


def place_names(rng: random.Random, count: int) -> list[str]:
    """Real UK place names from the gazetteer, each the only place of its name."""
    seen: dict[str, int] = {}
    for record in geonames_united_kingdom().values():
        seen[record["name"]] = seen.get(record["name"], 0) + 1
    unique = sorted(name for name, n in seen.items() if n == 1 and name.replace(" ", "").isalpha() and len(name) > 3)
    return rng.sample(unique, min(count, len(unique)))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def document(number: int, rng: random.Random, places: list[str]) -> tuple[str, dict]:
    """A document's text, and what it was written with."""
    town = rng.choice(places)
    region = rng.choice(places)
    organiser = f"{rng.choice(WORDS)} Friends of Kashmir {town}"
    people = rng.randint(20, 70)
    organisations = rng.randint(40, 80)
    unnamed = rng.randint(10, 400)
    claim = rng.randint(50, 300)
    topic = rng.choice(TOPICS)
    lines = [
        f"{town} groups write on Kashmir ({number})",
        "",
        f"Community groups in {town} and {region} have spoken about {topic}. The Labour Party and the "
        f"Socialist Campaign Group were among those named; Keir Starmer was asked to respond.",
        "",
        f"Over {claim} councillors and community leaders have signed a letter to the Labour leader saying the party must act.",
        "",
        f"Below is the full text of the open letter organised by {organiser}.",
        "",
        f"“We, the undersigned, write about {topic}.",
        "",
        "“We ask the party to respect its conference policy and to stand for human rights.”",
        "",
        "",
    ]
    for _ in range(people):
        lines.append(f"{person(rng)}, {rng.choice(places)}, {rng.choice(ROLES)}")
    lines += [f"and {unnamed} others", "", f"Here is the letter from the mosques of {region} in full:", "",
              f"We, the undersigned mosques and associations of {region}, write about {topic}.", "", "Yours sincerely,", ""]
    members = on_behalf = 0
    for index in range(organisations):
        place = rng.choice(places)
        if index < 3:
            count = rng.randint(3, 40)
            members += count
            lines.append(f"{rng.choice(FEDERATION_FORMS).format(place=place)} – {count} organisations")
        elif rng.random() < 0.05:
            on_behalf += 1
            lines.append(f"{person(rng)} on behalf of {rng.choice(WORDS)} Law {place}")
        else:
            lines.append(rng.choice(ORGANISATION_FORMS).format(place=place, word=rng.choice(WORDS)))
    form = rng.choice(sorted(OTHER_FORMS))
    other_lines, other_letter = OTHER_FORMS[form](rng, places, topic)
    lines += ["", *other_lines]
    lines += ["", "Comments (1)", "", f"  • {person(rng)} says:", "", "    Thank you for publishing this letter.", ""]
    written = {
        "claimed": claim,
        "form": form,
        "letters": [
            {"organiser": organiser, "person_signatures": people, "organisation_signatures": 0, "unnamed": unnamed, "members_stated": None},
            {"organiser": None, "person_signatures": on_behalf, "organisation_signatures": organisations - on_behalf, "unnamed": None, "members_stated": members},
            other_letter,
        ],
    }
    return "\n".join(lines), written


def _people_letter(people: int, unnamed: int | None = None) -> dict:
    return {"organiser": None, "person_signatures": people, "organisation_signatures": 0, "unnamed": unnamed, "members_stated": None}


def elected_members(rng: random.Random, places: list[str], topic: str) -> tuple[list[str], dict]:
    """A heading naming the letter over its salutation, signed by MPs, peers and councillors."""
    count = rng.randint(5, 15)
    lines = ["Letter to the Home Secretary on Kashmir", "", "Dear Home Secretary,", "", f"We write as elected members about {topic}.", "", "Yours sincerely,", ""]
    for index in range(count):
        shape = index % 3
        if shape == 0:
            lines.append(f"{person(rng)} MP ({rng.choice(places)})")
        elif shape == 1:
            lines.append(f"{rng.choice(('Lord', 'Baroness'))} {rng.choice(SURNAMES)} of {rng.choice(places)}")
        else:
            lines.append(f"Cllr {person(rng)} ({rng.choice(places)}, {rng.choice(places)})")
    return lines, _people_letter(count)


def name_dash_role(rng: random.Random, places: list[str], topic: str) -> tuple[list[str], dict]:
    """A pledge signed "Name – Role, Organisation", the organisation identifying the person."""
    count = rng.randint(5, 15)
    lines = ["The pledge reads:", "", f"“We pledge to speak up about {topic}.”", "", "Signed:", ""]
    for _ in range(count):
        organisation = rng.choice(ORGANISATION_FORMS).format(place=rng.choice(places), word=rng.choice(WORDS))
        lines.append(f"{person(rng)} {rng.choice(('–', '—', '-'))} {rng.choice(('Chair', 'Secretary', 'Trustee', 'Treasurer'))}, {organisation}")
    return lines, _people_letter(count)


def run_on_councillors(rng: random.Random, places: list[str], topic: str) -> tuple[list[str], dict]:
    """A statement whose councillors sign in one paragraph after "Signed by:"."""
    count, unnamed = rng.randint(4, 12), rng.randint(3, 40)
    names = [f"Cllr {person(rng)} ({rng.choice(places)}, {rng.choice(places)})" for _ in range(count)]
    lines = ["The statement in full:", "", f"“We, councillors, are concerned about {topic}.”", "",
             f"Signed by: {', '.join(names)} and {unnamed} other councillors."]
    return lines, _people_letter(count, unnamed)


def signatory_table(rng: random.Random, places: list[str], topic: str) -> tuple[list[str], dict]:
    """A petition whose signatories are a table under a header row."""
    count = rng.randint(5, 15)
    lines = ["Here is the petition from local residents in full:", "", f"We, the undersigned, ask for a debate on {topic}.", "",
             "Name | Organisation | Town"]
    for _ in range(count):
        organisation = rng.choice(ORGANISATION_FORMS).format(place=rng.choice(places), word=rng.choice(WORDS)) if rng.random() < 0.6 else ""
        lines.append(f"{person(rng)} | {organisation} | {rng.choice(places)}")
    return lines, _people_letter(count)


# The forms a document's third letter takes, one per document, so the corpus holds them all.
OTHER_FORMS = {
    "elected members": elected_members, "name-dash-role": name_dash_role, "run-on": run_on_councillors, "table": signatory_table,
}


def generate(documents: int, out: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    places = place_names(rng, 2000)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("register.yml", "places.yml"):
        shutil.copy(REPO / "seeds" / name, out / name)
    manifest = {}
    for number in range(1, documents + 1):
        name = f"{number:05d}_synthetic"
        text, manifest[name] = document(number, rng, places)
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
    (out / "corpus.json").write_text(json.dumps({"seed": seed, "documents": manifest}, indent=1) + "\n", encoding="utf-8")


@click.command(help="Synthetic documents in the seeds' forms, with a manifest of what each holds.")
@click.option("--documents", type=click.IntRange(min=1), required=True, help="how many documents")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="folder to write (replaced)")
@click.option("--seed", type=int, default=2026, show_default=True, help="the same seed writes the same files")
def main(documents: int, out: Path, seed: int) -> None:
    generate(documents, out, seed)
    click.echo(f"wrote {documents} documents to {out}")


if __name__ == "__main__":
    main()
