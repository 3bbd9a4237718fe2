"""Resolve stage: the people's names printed in running text, so their words are not read as
places ("Sarah Bolton" is not in Bolton; "Mark Evans" is not in Mark, Somerset).

Takes: a document's text. Gives: the spans of every personal name the text prints: a given name
followed by one or two capitalised words that read as a surname ("James Preston"), or an
honorific followed by capitalised words ("Cllr Bolton", "Lord Ahmed"; a peer's "of Place" is
left to the places, where it is the title's place). The place finder skips these spans, as it
skips the names the document's own signatures print.

Given names come from gender-guesser's name dictionary (Jörg Michael's `nam_dict.txt`, about
48,000 given names with their frequency in some 50 countries; GNU FDL 1.2): a word is a given
name when the dictionary records it as one in Great Britain, Ireland, the USA, the Arab world
and Persia, Turkey, or India and Sri Lanka, where the names in these documents come from. A
word after a given name is a surname only when no word of its run of capitalised words is an
organisation word ("Kent Muslim Welfare Association"), and when it is not one that follows a place's name to
make another name ("Preston Road", "Chester Central Mosque", "Warwick North"): organisation
words, street words, compass points and the words of `PLACE_NAME_FOLLOWERS`.
"""

from __future__ import annotations

import functools
import itertools
import re

from scripts.common.paths import package_data
from scripts.pipeline.extract.items.shapes import ORGANISATION_WORDS
from scripts.pipeline.extract.names import HONORIFIC
from scripts.pipeline.resolve.places import STREET_WORDS, STREET_WORDS_AFTER_A_NUMBER

# The dictionary's columns of frequency (from column 30, one per country, in this order).
DICTIONARY_COUNTRIES = (
    "great_britain ireland usa italy malta portugal spain france belgium luxembourg the_netherlands east_frisia germany austria "
    "swiss iceland denmark norway sweden finland estonia latvia lithuania poland czech_republic slovakia hungary romania bulgaria "
    "bosniaand croatia kosovo macedonia montenegro serbia slovenia albania greece russia belarus moldova ukraine armenia azerbaijan "
    "georgia the_stans turkey arabia israel china india japan korea vietnam other_countries"
).split()
GIVEN_NAME_COUNTRIES = ("great_britain", "ireland", "usa", "arabia", "turkey", "india")
COMPASS_POINTS = ("North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western")
PLACE_NAME_FOLLOWERS = (
    "City", "Town", "Borough", "County", "Council", "Park", "Green", "Hill", "Heath", "Common", "Cross", "Bridge", "Castle",
    "Cathedral", "Mosque", "Masjid", "Station", "Airport", "Hospital", "Upon", "Spa", "Vale", "Valley", "Moor", "Wood",
    "Rovers", "United", "Athletic", "Wanderers", "Albion", "Labour", "Conservatives", "Liberal", "Minster",
    # Words naming a community after a place ("Stanley Kashmiri Forum", "Bolton Muslims").
    "Kashmiri", "Kashmiris", "Pakistani", "Pakistanis", "Muslim", "Muslims", "Asian", "Asians", "British", "Indian", "Indians",
    "Bangladeshi", "Bangladeshis", "Sikh", "Sikhs", "Hindu", "Hindus", "Christian", "Christians", "Jewish", "Islamic",
    "Community", "Communities", "Residents", "People",
)
ORGANISATION_WORD_SET = frozenset(ORGANISATION_WORDS)
NOT_A_SURNAME = frozenset(ORGANISATION_WORDS + STREET_WORDS + STREET_WORDS_AFTER_A_NUMBER + COMPASS_POINTS + PLACE_NAME_FOLLOWERS)

CAPITALISED_WORD = r"[A-Z][a-z’'\-]*[a-z](?:-[A-Z][a-z]+)?"
WORD = re.compile(rf"(?<![\w’'-]){CAPITALISED_WORD}(?![\w’'-])")
HONORIFIC_NAME = re.compile(rf"(?<![\w’'-]){HONORIFIC} (?:{CAPITALISED_WORD})(?: {CAPITALISED_WORD})?(?![\w’'-])")


def _capitalised_runs(text: str) -> list[list[re.Match]]:
    """Runs of capitalised words, each one space after the one before."""
    runs: list[list[re.Match]] = []
    for word in WORD.finditer(text):
        if runs and text[runs[-1][-1].end() : word.start()] == " ":
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


# Frequency in the dictionary is one hexadecimal digit per country, 1 (rare) to D (very common).
ENGLISH_SPEAKING = ("great_britain", "ireland", "usa")
COMMON = 4  # a place's name is read as a given name only when it is this common in those countries


@functools.cache
def given_names() -> dict[str, int]:
    """The given names of the dictionary recorded in the countries of `GIVEN_NAME_COUNTRIES`,
    each with how common it is in English-speaking countries (0 when not recorded there)."""
    path = package_data("gender_guesser", "data", "nam_dict.txt")
    columns = [30 + DICTIONARY_COUNTRIES.index(country) for country in GIVEN_NAME_COUNTRIES]
    english = [30 + DICTIONARY_COUNTRIES.index(country) for country in ENGLISH_SPEAKING]
    names: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line[0] in "#=" or len(line) < 31:
                continue
            if any(line[column] != " " for column in columns if column < len(line)):
                name = line[3:29].strip()
                if " " not in name and "+" not in name:
                    frequency = max((int(line[column], 16) for column in english if column < len(line) and line[column] != " "), default=0)
                    names[name] = max(names.get(name, 0), frequency)
    return names


def personal_name_spans(text: str, is_place_name=lambda words: False) -> list[tuple[int, int]]:
    """(start, end) of every personal name printed in the text, left to right. Words that are
    a place's whole name (`is_place_name`: "Leighton Buzzard", "Milton Keynes", "Kirk Smeaton")
    are that place, not a person; and a place's name is a given name only where it is a common
    one in English-speaking countries (`COMMON`: "Mark", "Stanley", "Kent"; not "Preston",
    "Bradford", "Kashmir")."""
    names = given_names()
    spans = [(match.start(), match.end()) for match in HONORIFIC_NAME.finditer(text)]
    for run in _capitalised_runs(text):
        if any(word.group() in ORGANISATION_WORD_SET for word in run):
            continue  # "Kent Muslim Welfare Association" names an organisation, not a Kent
        for index, given in enumerate(run):
            if given.group() not in names or given.group() in NOT_A_SURNAME:
                continue
            if names[given.group()] < COMMON and is_place_name(given.group()):
                continue  # "Preston Kashmiri community", "Bradford Halifax Dewsbury": places first

            surname = list(itertools.takewhile(lambda word: word.group() not in NOT_A_SURNAME, run[index + 1 : index + 3]))
            if surname and not any(is_place_name(text[given.start() : word.end()]) for word in surname):
                spans.append((given.start(), surname[-1].end()))
    return sorted(spans)
