"""Extract stage: find the open letters and statements in a document, by their form.

Takes: a document's text. Gives: `FoundLetter`s, each with the spans of its introduction,
body and signature entries (one per printed signature, not yet parsed), the "and N others"
count, and the document's claims about how many signed. Nothing here knows a name: a new
document in the same forms is extracted with no change to the code.

The forms, tried in this order (each is a named rule, recorded on the letter):
- a letter starts at an introduction line in any document word (letter, statement, pledge,
  motion, resolution, declaration, petition, appeal: "Below is the full text of the SCG
  statement on Kashmir.", "Here is the letter from the mosques in full:", "The motion, passed
  by …, reads:", "The letter in full:"), even after another sentence on its line; at a heading
  naming a letter over its salutation ("Letter to the Prime Minister on Kashmir", then "Dear
  Prime Minister,"); at a salutation ("Dear …,", "To …,", "Your Excellency,"); or at "We, the
  undersigned". A salutation a few lines below an introduction, with nothing signed between
  (an address block, a date), opens the letter the introduction announced, not a second one;
- a title that names only its kind ("pledge") is the heading below the introduction that
  names it, or else the nearest heading above that names a letter;
- its signatures are a table under a header row (`blocks.table`); a list after a valediction
  ("Yours sincerely,", "Signed:"), one per line, numbered or not, in groups under headings,
  going on past a blank line while the next line reads as a signature; a paragraph run on
  after "Signed by:"; after its text, a block of "Name, Place, Role" lines; or, when it has
  none, the organisation its introduction names as the author ("the SCG statement"), where
  the words name an organisation;
- "and 300 others" (or "… and 23 other councillors") after the signatures states how many more
  signed unnamed;
- claims such as "over 100 British mosques … have signed a letter", "signed by 30
  councillors", "more than 60 imams added their names" belong to the letter whose title shares
  most of their words.
Reader comments (after a comments heading) hold no letters and no claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.common.spans import DocumentText, Span
from scripts.pipeline.extract.blocks import table
from scripts.pipeline.extract.blocks.table import read_tables
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.items.shapes import has_organisation_word, looks_like_a_signature
from scripts.pipeline.extract.names import HONORIFIC, NAME_PARTICLE, NAME_WORD

LETTER_WORD = r"(?:open letter|letter|statement|declaration|petition|appeal|pledge|motion|resolution)"
SENTENCE_START = r"(?:^|(?<=[.!?] ))"  # an introduction may follow another sentence on its line

INTRODUCTION_RULES = (
    ("full text introduction", re.compile(rf"^(?:Below|Here) (?:is|are) the full text of (?:the |an |a )?(?P<title>.*\b{LETTER_WORD}\b.*?)[.:]?$")),
    # The title is the introduction's first sentence; more may follow on its line.
    ("here-is introduction", re.compile(rf"^(?:Below|Here) is (?:the |an |a )?(?P<title>[^.!?:]*\b{LETTER_WORD}\b[^.!?:]*?)(?: in full| below)?[.:](?: .*)?$")),
    ("reads introduction", re.compile(rf"{SENTENCE_START}The (?:full )?(?P<title>.*\b{LETTER_WORD}\b.*?) (?:reads(?: in full)?|is as follows|follows)[.:]$")),
    ("text-is-below introduction", re.compile(rf"{SENTENCE_START}The (?:full )?text of (?:the |an |a |their |our )?(?P<title>.*\b{LETTER_WORD}\b.*?) (?:is (?:below|as follows)|follows|reads)[.:]$")),
    ("in-full introduction", re.compile(rf"{SENTENCE_START}(?:The |Our |Their )?(?P<title>(?:[\w’'-]+ ){{0,6}}?{LETTER_WORD}(?: [\w’'-]+){{0,6}}?) in full[.:]$")),
)
# A text that opens without an introduction: "We, the undersigned, residents of …".
UNDERSIGNED = re.compile(r"^(?P<title>We,? the undersigned)\b")
SALUTATION = re.compile(r"^(?:Dear (?P<addressee>[^,]{2,80})|To (?P<to>(?:the )?[A-Z][^,.:;]{2,80})|(?P<title>Your (?:Excellency|Excellencies|Honour|Grace|Royal Highness|Majesty))),?$")
VALEDICTION = re.compile(
    r"^(?:Yours(?: (?:sincerely|faithfully|truly|respectfully|in solidarity))?|Respectfully(?: yours)?|(?:With )?(?:best|kind|warm) (?:regards|wishes)|Regards|In solidarity"
    r"|Signed(?: by)?|Signatories|Signed on behalf of)\s*[,:.]?$",
    re.IGNORECASE,
)
UNNAMED_SIGNATORIES = re.compile(
    r"^(?:and|plus|\+)\s+(?P<count>\d[\d,]*)\s+(?:others|more|other\s+[a-z]+(?:\s+[a-z]+)?)(?:\s+signatories)?\.?$", re.IGNORECASE
)
# Signatures run on in one paragraph after a label: "Signed by: Cllr A (Ward, Borough), Cllr B …"
RUN_ON = re.compile(r"^(?:Signed(?: by)?|Signatories|Signed on behalf of|Signatures)\s*:\s*(?P<items>\S.*)$", re.IGNORECASE)
# A withheld name (scripts/curated/redactions.py) still makes a signature line.
PERSON_SIGNATURE_LINE = re.compile(
    rf"^(?:(?:{HONORIFIC} )?{NAME_WORD}(?: (?:{NAME_WORD}|{NAME_PARTICLE})){{1,4}}|\[withheld\]), \S.{{0,250}}$"
)
# Where a page's comment section starts, in the forms of common publishing systems: "Comments (4)",
# "12 comments", "4 thoughts on “<title>”" and "3 Responses to <title>" (WordPress), or, with no
# comment yet, the comment form itself ("Leave a Reply").
COMMENTS_HEADING = re.compile(
    r"^(?:Comments?|Reader comments|Responses?)\s*(?:\(\d+\))?:?$|^\d+ (?:comments|responses)$"
    r"|^(?:\d+|one) (?:thoughts?|responses?|repl(?:y|ies)|comments?) (?:on|to) \S.*$|^Leave a (?:Reply|Comment)$",
    re.IGNORECASE,
)
OPENING_QUOTE = ("“", '"')
CLOSING_QUOTE = ("”", '"', "”.", '".')

ISSUER_RULES = (
    ("issuer named before the kind word", re.compile(rf"^(?:the )?(?P<issuer>[A-Z][\w’'&.\- ]*?)(?:’s|'s)? {LETTER_WORD}\b")),
    ("issuer named after from/by", re.compile(rf"\b{LETTER_WORD} (?:from|by|of) (?:the )?(?P<issuer>[A-Z][\w’'&.\- ]*?)(?: on .*)?$")),
)
ACRONYM_ALONE = re.compile(r"[A-Z][A-Z0-9&]{1,9}")
ORGANISER = re.compile(r"\b(?:organised|organized|coordinated|initiated|launched) by (?:the )?(?P<organiser>[A-Z][\w’'&.\- ]*[\w.])")
ADDRESSEE = re.compile(
    r"\b(?:open )?letter to (?P<addressee>(?:[A-Z]|the |Labour )[^,.;:()]*?)"
    r"(?= saying| calling| urging| asking| demanding| which| that| over| about| on |[,.;:(]|$)"
)
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


@dataclass(frozen=True)
class Claim:
    span: Span  # the words of the claim
    count: int | None  # None when the text gives no number ("hundreds")
    bound: str  # "lower bound", "upper bound", "approximate", "exact" or "no number"
    rule: str


@dataclass
class FoundLetter:
    title: Span
    kind: str  # "letter" or "statement"
    rule: str
    introduction: Span | None
    body: Span
    entries: list[SignatureEntry] = field(default_factory=list)
    signature_rule: str | None = None
    unnamed: tuple[int, Span] | None = None
    organiser: Span | None = None
    addressee: Span | None = None
    claims: list[Claim] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.body.start

    @property
    def end_line(self) -> int:
        ends = [self.body.line] + [entry.span.line for entry in self.entries if entry.form != "issuer"]
        if self.unnamed:
            ends.append(self.unnamed[1].line)
        return max(ends)

    @property
    def end(self) -> int:
        ends = [self.body.end] + [entry.span.end for entry in self.entries if entry.form != "issuer"]
        if self.unnamed:
            ends.append(self.unnamed[1].end)
        return max(ends)


def comments_start_line(document: DocumentText) -> int:
    """The first line of the reader comments, or one past the last line when there are none."""
    for line in document.lines:
        if COMMENTS_HEADING.match(line.text.strip()):
            return line.number
    return len(document.lines) + 1


def find_letters(document: DocumentText) -> list[FoundLetter]:
    stop_line = comments_start_line(document)
    starts = _letter_starts(document, stop_line)
    letters = []
    for index, (line_number, rule, title, addressee) in enumerate(starts):
        next_start = starts[index + 1][0] if index + 1 < len(starts) else stop_line
        section_start = letters[-1].end_line + 1 if letters else 1  # a heading above belongs to no earlier letter
        letter = _read_letter(document, line_number, rule, title, addressee, next_start, section_start)
        if letter:
            letters.append(letter)
    _attach_claims(document, letters, stop_line)
    return letters


def _letter_starts(document: DocumentText, stop_line: int) -> list[tuple[int, str, Span, Span | None]]:
    """(line, rule, title, addressee) of each introduction or salutation, in order."""
    starts = []
    for line in document.lines[: stop_line - 1]:
        text = line.text.strip()
        offset = line.start + (len(line.text) - len(line.text.lstrip()))
        for rule, pattern in INTRODUCTION_RULES:
            match = pattern.search(text)
            if match:
                title = document.span(offset + match.start("title"), offset + match.end("title"))
                starts.append((line.number, rule, title, None))
                break
        else:
            match = SALUTATION.match(text)
            previous = starts[-1][0] if starts else 0
            opening = UNDERSIGNED.match(text)
            if _is_heading(text) and _salutation_follows(document, line.number, stop_line):
                starts.append((line.number, "heading before a salutation", document.span(line.start, line.end), None))
            elif _opens_the_letter_introduced(document, starts, line.number):
                continue  # "The letter in full:", an address block, then "Dear …": one letter
            elif match and not _only_blank_between(document, previous, line.number):
                starts.append((line.number, "salutation", document.span(line.start, line.end), _addressee_of(document, line, match)))
            elif opening:
                starts.append((line.number, "we the undersigned", document.span(offset, offset + opening.end("title")), None))
    return starts


def _opens_the_letter_introduced(document: DocumentText, starts: list, line_number: int) -> bool:
    """Whether a salutation or "We, the undersigned" opens the letter an introduction just above
    announced: nothing between them signs or ends a letter, and they are a few lines apart."""
    text = document.line(line_number).text.strip()
    if not starts or not (SALUTATION.match(text) or UNDERSIGNED.match(text)):
        return False
    previous, rule = starts[-1][0], starts[-1][1]
    if rule in ("salutation", "we the undersigned") or line_number - previous > OPENING_WITHIN_LINES:
        return False
    return not any(VALEDICTION.match(document.line(n).text.strip()) or _is_person_signature(document, n) for n in range(previous + 1, line_number))


OPENING_WITHIN_LINES = 12  # an address block and a date fit; a letter's text does not


# A heading naming a letter ("Letter to the Prime Minister on Kashmir"): a short line that is
# no sentence, holding a document word.
HEADING_LETTER_WORD = re.compile(rf"\b{LETTER_WORD}\b", re.IGNORECASE)
NOT_A_HEADING_END = re.compile(r"[.!?:;,][”\"’']?$")


def _is_heading(text: str) -> bool:
    return bool(text) and text[0].isupper() and len(text.split()) <= 12 and not NOT_A_HEADING_END.search(text) and bool(HEADING_LETTER_WORD.search(text))


def _salutation_follows(document: DocumentText, line_number: int, stop_line: int) -> bool:
    following = _next_text_line(document, line_number + 1, stop_line)
    return following is not None and bool(SALUTATION.match(document.line(following).text.strip()))


def _addressee_of(document: DocumentText, line, salutation: re.Match) -> Span:
    """The addressee a salutation names ("Dear Prime Minister," -> Prime Minister)."""
    who = next(group for group in ("addressee", "to", "title") if salutation.group(group))
    offset = line.start + (len(line.text) - len(line.text.lstrip()))
    return document.span(offset + salutation.start(who), offset + salutation.end(who))


def _heading_above(document: DocumentText, line_number: int, section_start: int) -> Span | None:
    """The nearest heading naming a letter above a line, back to the section's start."""
    for number in range(line_number - 1, section_start - 1, -1):
        if _is_heading(document.line(number).text.strip()):
            return document.line_span(number)
    return None


def _names_only_its_kind(title: str) -> bool:
    """A title that says only what the text is ("pledge", "the letter"), not which one."""
    return not (set(re.findall(r"\w+", title.lower())) - KIND_WORDS)


KIND_WORDS = {"the", "a", "an", "full", "text", "of", "open", "joint", "letter", "statement", "declaration", "petition", "appeal", "pledge", "motion", "resolution"}


def _only_blank_between(document: DocumentText, first: int, last: int) -> bool:
    return first > 0 and all(document.line(n).is_blank for n in range(first + 1, last))


def _read_letter(document, start_line, rule, title, addressee, next_start, section_start=1) -> FoundLetter | None:
    opens_itself = rule in ("salutation", "we the undersigned")
    introduction = None if opens_itself else document.line_span(start_line)
    first = start_line if opens_itself else _next_text_line(document, start_line + 1, next_start)
    if first is None:
        return None
    heading = document.line(first).text.strip()
    if not opens_itself and _names_only_its_kind(title.text) and _is_heading(heading):
        # "The declaration reads in full:" then "The Oldham Declaration on Kashmir": the heading names it.
        title = document.line_span(first)
        first = _next_text_line(document, first + 1, next_start)
        if first is None:
            return None
    elif not opens_itself and _names_only_its_kind(title.text):
        # "The pledge reads:" under a headline that names it: the nearest heading above names it.
        title = _heading_above(document, start_line, section_start) or title
    if addressee is None:
        salutation_line = next((n for n in range(first, min(first + OPENING_WITHIN_LINES, next_start)) if SALUTATION.match(document.line(n).text.strip())), None)
        if salutation_line is not None:
            line = document.line(salutation_line)
            addressee = _addressee_of(document, line, SALUTATION.match(line.text.strip()))
    kind = "statement" if re.search(r"\bstatement\b", title.text, re.IGNORECASE) else "letter"
    letter = FoundLetter(title=title, kind=kind, rule=rule, introduction=introduction, body=title, addressee=addressee)

    valediction = next((n for n in range(first, next_start) if VALEDICTION.match(document.line(n).text.strip()) or RUN_ON.match(document.line(n).text.strip())), None)
    tables = read_tables(document, first, next_start)
    if tables and tables[2] and (valediction is None or valediction < tables[0]):
        header_line, _, entries = tables
        letter.body = _lines_span(document, first, _previous_text_line(document, header_line - 1, first))
        letter.entries, letter.signature_rule = entries, table.RULE
        letter.organiser = _organiser(document, title)
        return letter
    if valediction is not None and RUN_ON.match(document.line(valediction).text.strip()):
        letter.body = _lines_span(document, first, valediction - 1)
        _read_run_on(document, letter, valediction, next_start)
        return letter
    if valediction is not None:
        letter.body = _lines_span(document, first, valediction)
        _read_list(document, letter, valediction + 1, next_start)
        return letter

    body_end = _quote_end(document, first, next_start)
    block_start = _next_text_line(document, body_end + 1, next_start) if body_end else None
    if body_end is None or block_start is None or not _is_person_signature(document, block_start):
        block_start = next((n for n in range(first + 1, next_start) if _is_person_signature(document, n)), None)
        body_end = _previous_text_line(document, (block_start or next_start) - 1, first)
    letter.body = _lines_span(document, first, body_end)
    if block_start is not None:
        _read_person_block(document, letter, block_start, next_start)
    else:
        _read_issuer(letter)
    letter.organiser = _organiser(document, title)
    return letter


def _read_list(document: DocumentText, letter: FoundLetter, first: int, next_start: int) -> None:
    """After a valediction: every line is one signature, up to a blank line that the next line
    does not continue (as one more signature would); a number or bullet before a line ("1.")
    only counts it."""
    line_number = _next_text_line(document, first, next_start) or next_start
    stop = min(next_start, len(document.lines) + 1)
    numbered, heading = 0, None
    while line_number < stop:
        line = document.line(line_number)
        if line.is_blank:
            following = _next_text_line(document, line_number + 1, stop)
            if following is None or not (_is_group_heading(document, following, stop) or looks_like_a_signature(_without_numbering(document.line(following).text))):
                break
            line_number = following
            continue
        if _read_unnamed(document, letter, line_number):
            break
        if _is_group_heading(document, line_number, stop):
            heading = document.line_span(line_number)
            line_number += 1
            continue
        numbering = NUMBERING.match(line.text)
        numbered += bool(numbering)
        letter.entries.append(SignatureEntry(document.span(line.start + (numbering.end() if numbering else 0), line.end), "list", heading=heading))
        line_number += 1
    letter.signature_rule = "numbered list after valediction" if numbered and numbered == len(letter.entries) else "list after valediction"
    letter.organiser = _organiser(document, letter.title)


def _read_run_on(document: DocumentText, letter: FoundLetter, line_number: int, next_start: int) -> None:
    """A paragraph of signatures after "Signed by:": items separated by semicolons, or else by
    commas, outside parentheses; "… and 23 other councillors" at the end counts the unnamed."""
    letter.signature_rule = "run-on paragraph after Signed by"
    line = document.line(line_number)
    match = RUN_ON.match(line.text.strip())
    start = line.start + (len(line.text) - len(line.text.lstrip())) + match.start("items")
    last = line_number
    while last + 1 < next_start and not document.line(last + 1).is_blank:
        last += 1
    end = document.line(last).end
    text = document.text[start:end]
    separator = ";" if ";" in _outside_parentheses(text) else ","
    items = _split_outside_parentheses(text, separator)
    if items:
        final_start, final_end = items[-1]
        tail = RUN_ON_TAIL.search(text, final_start, final_end)
        if tail:
            unnamed = document.span(start + tail.start("unnamed"), start + tail.end("unnamed"))
            letter.unnamed = (int(tail.group("count").replace(",", "")), unnamed)
            items[-1] = (final_start, tail.start())
    for item_start, item_end in items:
        span = document.span(start + item_start, start + item_end)
        if span.text.strip(" .;,"):
            letter.entries.append(SignatureEntry(document.span(span.start, span.end - len(span.text) + len(span.text.rstrip(" ."))), "list"))
    letter.organiser = _organiser(document, letter.title)


RUN_ON_TAIL = re.compile(r"\s+(?P<unnamed>and\s+(?P<count>\d[\d,]*)\s+(?:others|more|other\s+[a-z]+(?:\s+[a-z]+)?))\.?\s*$", re.IGNORECASE)


def _outside_parentheses(text: str) -> str:
    """The text with what parentheses hold blanked out."""
    depth, kept = 0, []
    for character in text:
        depth += character == "("
        kept.append(" " if depth else character)
        depth -= character == ")" and depth > 0
    return "".join(kept)


def _split_outside_parentheses(text: str, separator: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of text between separators outside parentheses."""
    pieces, start = [], 0
    for index, character in enumerate(_outside_parentheses(text)):
        if character == separator:
            pieces.append((start, index))
            start = index + 1
    pieces.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in pieces if text[a:b].strip()]


def _is_group_heading(document: DocumentText, line_number: int, stop: int) -> bool:
    """A short line over a group of signatures ("Birmingham", "Trade unionists"): no signature
    itself, and the line below it is one."""
    text = document.line(line_number).text.strip()
    if not text or len(text.split()) > 5 or any(mark in text for mark in ",()–—:;.") or looks_like_a_signature(text):
        return False
    below = line_number + 1
    return below < stop and not document.line(below).is_blank and looks_like_a_signature(_without_numbering(document.line(below).text))


NUMBERING = re.compile(r"^\s*(?:\d{1,3}[.)]|[•·▪*])\s+")


def _without_numbering(text: str) -> str:
    numbering = NUMBERING.match(text)
    return text[numbering.end() :] if numbering else text


def _read_person_block(document: DocumentText, letter: FoundLetter, first: int, next_start: int) -> None:
    letter.signature_rule = "name-place-role lines"
    line_number = first
    while line_number < next_start and _is_person_signature(document, line_number):
        letter.entries.append(SignatureEntry(document.line_span(line_number), "name-place-role"))
        line_number += 1
    if line_number < next_start:
        _read_unnamed(document, letter, line_number)


def _read_unnamed(document: DocumentText, letter: FoundLetter, line_number: int) -> bool:
    line = document.line_span(line_number)
    match = UNNAMED_SIGNATORIES.match(line.text)
    if match:
        letter.unnamed = (int(match.group("count").replace(",", "")), line)
    return bool(match)


def _read_issuer(letter: FoundLetter) -> None:
    """A statement with no signatures is signed by the organisation its introduction names as
    author, when the words name an organisation (an organisation's word, or an acronym: "the SCG
    statement"); "the letter from the Tarn Valley traders" names no one who signs, and the letter
    goes to review without signatures rather than with an invented one."""
    if letter.introduction is None or letter.title.line != letter.introduction.line:
        return  # a title from a heading or headline names no author
    for rule, pattern in ISSUER_RULES:
        match = pattern.search(letter.title.text)
        issuer = match.group("issuer").strip() if match else ""
        if issuer and (has_organisation_word(issuer) or ACRONYM_ALONE.fullmatch(issuer)):
            title = letter.title
            start = title.start + match.start("issuer")
            issuer = Span(start, start + len(match.group("issuer")), title.line, match.group("issuer"))
            letter.entries.append(SignatureEntry(issuer, "issuer"))
            letter.signature_rule = rule
            return


def _organiser(document: DocumentText, title: Span) -> Span | None:
    match = ORGANISER.search(title.text)
    if not match:
        return None
    return document.span(title.start + match.start("organiser"), title.start + match.end("organiser"))


def _is_person_signature(document: DocumentText, line_number: int) -> bool:
    line = document.line(line_number)
    text = line.text.strip()
    return bool(PERSON_SIGNATURE_LINE.match(text)) and not UNNAMED_SIGNATORIES.match(text)


def _quote_end(document: DocumentText, first: int, next_start: int) -> int | None:
    """For a text that opens with a quotation mark, the line where the quotation closes."""
    if not document.line(first).text.strip().startswith(OPENING_QUOTE):
        return None
    for number in range(first, next_start):
        if document.line(number).text.rstrip().endswith(CLOSING_QUOTE):
            return number
    return None


def _next_text_line(document: DocumentText, first: int, stop: int) -> int | None:
    return next((n for n in range(first, min(stop, len(document.lines) + 1)) if not document.line(n).is_blank), None)


def _previous_text_line(document: DocumentText, last: int, first: int) -> int:
    return next((n for n in range(last, first - 1, -1) if not document.line(n).is_blank), first)


def _lines_span(document: DocumentText, first: int, last: int) -> Span:
    return document.span(document.line(first).start, document.line(max(first, last)).end)


def _attach_claims(document: DocumentText, letters: list[FoundLetter], stop_line: int) -> None:
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
