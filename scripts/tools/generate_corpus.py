"""Benchmark corpus: a deterministic generator of synthetic documents in the seeds' forms.

    python -m scripts.tools.generate_corpus --documents 1000 --out build/bench/corpus-1000 [--seed 2026]

Writes DOCUMENTS plain-text files (and the seeds' register and places files beside them) whose
letters use the forms the extractor knows: an article with a claim ("over 120 councillors …
have signed a letter"), an open letter introduced by "Below is the full text of the open letter
organised by …" with "Name, Place, Role" lines and "and N others", and a letter introduced by
"Here is the letter from … in full:" with a list after "Yours sincerely," of organisations,
some with member counts ("– 12 organisations") and some signed "X on behalf of Y". Places are
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
    lines += ["", "Comments (1)", "", f"  • {person(rng)} says:", "", "    Thank you for publishing this letter.", ""]
    written = {
        "claimed": claim,
        "letters": [
            {"organiser": organiser, "person_signatures": people, "organisation_signatures": 0, "unnamed": unnamed, "members_stated": None},
            {"organiser": None, "person_signatures": on_behalf, "organisation_signatures": organisations - on_behalf, "unnamed": None, "members_stated": members},
        ],
    }
    return "\n".join(lines), written


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
