"""Extract stage: claims a document makes about how many signed a letter.

Takes: a document's text and its letters. Gives: each letter's `Claim`s: sentences outside the
letters saying how many signed, in the wordings articles use ("over 100 British mosques … have
signed a letter", "an open letter signed by hundreds of members", "signed by 30 councillors",
"has now been signed by upwards of 200 people", "more than 60 imams added their names to the
letter", "more than 50 organisations are represented among the signatories"), with the number
and how to read it (a lower or upper bound, approximate, exact, or no number). A claim belongs
to the letter whose title shares most of its words; it may also name the letter's addressee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scripts.common.spans import DocumentText, Span
from scripts.pipeline.extract.letter_words import LETTER_WORD

if TYPE_CHECKING:
    from scripts.pipeline.extract.letters import FoundLetter

QUANTIFIER = (
    r"(?P<quantifier>(?i:over|more than|at least|upwards of|in excess of|around|about|nearly|almost|some|roughly"
    r"|approximately|up to))"
)
# Numbers in words, as articles print small counts ("Fourteen community leaders …").
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
        " eighteen nineteen twenty".split(),
        start=1,
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100}
COUNT = rf"(?P<count>\d[\d,]*|(?i:hundreds|dozens|thousands|scores|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))"
WHO = r"(?P<who>[^.;:\n]{1,80}?)"
SIGNED_IT = rf"(?:(?:a|an|the|this|their) (?:\w+ ){{0,3}}?{LETTER_WORD}|it)\b"
# (rule, pattern): each a wording of "this many signed", tried in order; a later rule never
# takes words an earlier one took.
CLAIM_RULES = (
    ("number have signed", re.compile(rf"(?<!\w)(?:{QUANTIFIER} )?{COUNT} (?:of )?{WHO} (?:have|has) (?:now |already )?signed {SIGNED_IT}")),
    (
        "signed by number",
        re.compile(rf"(?<!\w)(?:{LETTER_WORD},? )?(?:has |have |had |was |were )?(?:now |already )?(?:been )?signed by (?:{QUANTIFIER} )?{COUNT} (?:of )?(?P<who>[\w’' -]{{1,60}}?)(?= that| who| which| and| from| in| across|[,.;:]|$)"),
    ),
    ("number added their names", re.compile(rf"(?<!\w)(?:{QUANTIFIER} )?{COUNT} (?:of )?{WHO} (?:have |has |had )?(?:now )?(?:added|put) their names? to {SIGNED_IT}")),
    ("number signed", re.compile(rf"(?<!\w)(?:{QUANTIFIER} )?{COUNT} (?:of )?{WHO} (?:have |has |had )?signed\b[^.;:\n]{{0,40}}?\b{LETTER_WORD}\b")),
    ("number represented among the signatories", re.compile(rf"(?<!\w)(?:{QUANTIFIER} )?{COUNT} (?:of )?{WHO} (?:are|were) represented among (?:the|its) signatories")),
)
CLAIM_WORD = re.compile(r"sign|names?\b|represented", re.IGNORECASE)
BOUNDS = {"over": "lower bound", "more than": "lower bound", "at least": "lower bound", "upwards of": "lower bound", "in excess of": "lower bound", "up to": "upper bound"}
STOPWORDS = {
    "a", "an", "the", "of", "to", "in", "on", "and", "by", "for", "from", "with", "have", "has", "signed",
    "letter", "open", "statement", "declaration", "petition", "appeal", "full", "text", "below", "that", "this",
}
ADDRESSEE = re.compile(
    r"\b(?:open )?letter to (?P<addressee>(?:[A-Z]|the |Labour )[^,.;:()]*?)"
    r"(?= saying| calling| urging| asking| demanding| which| that| over| about| on |[,.;:(]|$)"
)


@dataclass(frozen=True)
class Claim:
    span: Span  # the words of the claim
    count: int | None  # None when the text gives no number ("hundreds")
    bound: str  # "lower bound", "upper bound", "approximate", "exact" or "no number"
    rule: str


def attach_claims(document: DocumentText, letters: list[FoundLetter], stop_line: int) -> None:
    if not letters:
        return
    text_end = document.line(stop_line - 1).end if stop_line > 1 else 0
    letter_spans = [(letter.start, letter.end) for letter in letters]
    taken: list[tuple[int, int]] = []  # words an earlier claim rule read
    # A claim is within one line and names signing: only such lines are searched.
    lines = [line for line in document.lines[: stop_line - 1] if CLAIM_WORD.search(line.text)]
    for rule, pattern in CLAIM_RULES:
        for match in (match for line in lines for match in pattern.finditer(document.text, line.start, min(line.end, text_end))):
            if any(start <= match.start() < end for start, end in letter_spans):
                continue  # a letter's own words are not a claim about it
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            claim = _claim(document, match, rule)
            sentence = document.line_span(claim.span.line).text
            letter = _best_letter(letters, match.group("who"), sentence, match.group(0), claim.span.start)
            letter.claims.append(claim)
            if letter.addressee is None:
                letter.addressee = _addressee(document, claim.span.line)
    for letter in letters:
        letter.claims.sort(key=lambda claim: claim.span.start)


def _claim(document: DocumentText, match: re.Match, rule: str) -> Claim:
    count_text = match.group("count")
    quantifier = (match.group("quantifier") or "").lower()
    if count_text[0].isdigit() or count_text.lower() in NUMBER_WORDS:
        count = int(count_text.replace(",", "")) if count_text[0].isdigit() else NUMBER_WORDS[count_text.lower()]
        bound = BOUNDS.get(quantifier, "approximate" if quantifier else "exact")
    else:
        count, bound = None, "no number"
    return Claim(document.span(match.start(), match.end()), count, bound, rule)


def _best_letter(letters, who: str, sentence: str, claim_text: str, offset: int) -> FoundLetter:
    """The letter a claim speaks of: same kind word, most shared words, then the nearest after it."""
    claim_kind = "statement" if "statement" in claim_text else "letter"
    candidates = [letter for letter in letters if letter.kind == claim_kind] or letters

    def score(letter: FoundLetter) -> tuple:
        title_words = _content_words(letter.title.text)
        following = letter.start >= offset
        distance = abs(letter.start - offset)
        return (2 * len(title_words & _content_words(who)) + len(title_words & _content_words(sentence)), following, -distance)

    return max(candidates, key=score)


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {word.rstrip("s") for word in words if word not in STOPWORDS and len(word) > 2}


def _addressee(document: DocumentText, line_number: int) -> Span | None:
    line = document.line(line_number)
    match = ADDRESSEE.search(line.text)
    if not match:
        return None
    return document.span(line.start + match.start("addressee"), line.start + match.end("addressee"))
