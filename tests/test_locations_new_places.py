"""The place rules on a document of our own, with new places, built beside the real seeds."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from conftest import REPO, copy_seeds, run_build

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

FIXTURE = REPO / "tests" / "fixtures" / "new_places" / "020_pennine_and_thames_mosques.txt"


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    seeds = copy_seeds(tmp_path_factory.mktemp("new_places") / "seeds")
    (seeds / FIXTURE.name).write_bytes(FIXTURE.read_bytes())
    db = seeds.parent / "kashmir.db"
    result = run_build(seeds, db)
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as connection:
        connection.row_factory = sqlite3.Row
        yield {
            row["name"]: row
            for row in connection.execute("select * from signatories where document_id = '020_pennine_and_thames_mosques'")
        }


def test_same_name_places_are_decided_by_the_county_the_document_names(places):
    # Three Prestons and three Blackburns in the gazetteer; the document names Lancashire.
    assert places["Preston Road Mosque"]["location_id"] == "preston-2639912"
    assert "within Lancashire" in places["Preston Road Mosque"]["location_method"]
    assert places["Blackburn Central Masjid"]["location_id"] == "blackburn-2655524"


def test_without_context_same_name_places_stay_ambiguous(places):
    # Kent is named in another document, not this one: Gillingham stays undecided here.
    for name in ("Gillingham Muslim Forum", "Shirley Community Trust"):
        assert (places[name]["location_id"], places[name]["location_status"]) == (None, "ambiguous"), name


def test_whole_names_only(places):
    assert places["Newbury Islamic Centre"]["location_id"] == "newbury-2641689"  # Berkshire, alone
    assert places["Brentwood Muslim Association"]["location_id"] == "brentwood-2654782"  # not Brent
    assert places["Stoke Poges Village Society"]["location_id"] == "stoke-poges-2636840"  # not Stoke-on-Trent


def test_a_persons_name_is_not_a_place_but_the_same_word_alone_can_be(places):
    assert places["Dan Carden"]["location_status"] == "no place"
    assert places["Dan Carden"]["organisation_id"] == "formby-youth-group"
