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
  names it, or else the nearest heading above that names a letter; the only letter of a page
  that only a salutation starts is titled by the page's headline; a salutation that names no
  one ("Your Excellency,") leaves the addressee to its heading ("Open letter to …");
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
from scripts.pipeline.extract.blocks import Block, issuer, name_place_role, run_on, table, valediction_list
from scripts.pipeline.extract.blocks.name_place_role import is_person_signature
from scripts.pipeline.extract.blocks.valediction_list import VALEDICTION
from scripts.pipeline.extract.claims import ADDRESSEE, Claim, attach_claims
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.letter_words import KIND_WORDS, LETTER_WORD
from scripts.pipeline.extract.lines import lines_span, next_text_line, only_blank_between, previous_text_line

SENTENCE_START = r"(?:^|(?<=[.!?] ))"  # an introduction may follow another sentence on its line

INTRODUCTION_RULES = (
    ("full text introduction", re.compile(rf"^(?:Below|Here) (?:is|are) the full text of (?:the |an |a )?(?P<title>.*\b{LETTER_WORD}\b.*?)[.:]?$")),
    # The title is the introduction's first sentence; more may follow on its line.
    ("here-is introduction", re.compile(rf"^(?:Below|Here) is (?:the |an |a )?(?P<title>[^.!?:]*\b{LETTER_WORD}\b[^.!?:]*?)(?: in full| below)?[.:](?: .*)?$")),
    ("reads introduction", re.compile(rf"{SENTENCE_START}The (?:full )?(?P<title>.*\b{LETTER_WORD}\b.*?) (?:reads(?: in full)?|is as follows|follows)[.:]$")),
    ("text-is-below introduction", re.compile(rf"{SENTENCE_START}The (?:full )?text of (?:the |an |a |their |our )?(?P<title>.*\b{LETTER_WORD}\b.*?) (?:is (?:below|as follows)|follows|reads)[.:]$")),
    ("in-full introduction", re.compile(rf"{SENTENCE_START}(?:The |Our |Their )?(?P<title>(?:[\w’'-]+ ){{0,6}}?{LETTER_WORD}(?: [\w’'-]+){{0,6}}?) in full[.:]$")),
)
ANY_LETTER_WORD = re.compile(rf"\b{LETTER_WORD}\b")
# A text that opens without an introduction: "We, the undersigned, residents of …".
UNDERSIGNED = re.compile(r"^(?P<title>We,? the undersigned)\b")
SALUTATION = re.compile(r"^(?:Dear (?P<addressee>[^,]{2,80})|To (?P<to>(?:the )?[A-Z][^,.:;]{2,80})|(?P<title>Your (?:Excellency|Excellencies|Honour|Grace|Royal Highness|Majesty))),?$")
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
# A salutation that names no one: whom it addresses is for the title or heading to say.
FORM_OF_ADDRESS = re.compile(r"Your (?:Excellency|Excellencies|Honour|Grace|Royal Highness|Majesty)|Sir(?:s| or Madam|/Madam)?|Madam|Friends|Colleagues|All", re.IGNORECASE)
ORGANISER = re.compile(r"\b(?:organised|organized|coordinated|initiated|launched) by (?:the )?(?P<organiser>[A-Z][\w’'&.\- ]*[\w.])")


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
        # A heading above belongs to no earlier letter: the section starts after the last one ends.
        section_start = document.line_of(letters[-1].end - 1) + 1 if letters else 1
        letter = _read_letter(document, line_number, rule, title, addressee, next_start, section_start)
        if letter:
            letters.append(letter)
    if len(letters) == 1 and letters[0].rule == "salutation":
        # The only letter of a page, which no words introduce, is what its headline is about.
        letters[0].title = _headline(document) or letters[0].title
    attach_claims(document, letters, stop_line)
    return letters


def _headline(document: DocumentText) -> Span | None:
    """The page's first line, when it reads as a headline: short, and no sentence."""
    first = next_text_line(document, 1, len(document.lines) + 1)
    if first is None:
        return None
    text = document.line(first).text.strip()
    return document.line_span(first) if len(text.split()) <= 16 and not NOT_A_HEADING_END.search(text) else None


def _letter_starts(document: DocumentText, stop_line: int) -> list[tuple[int, str, Span, Span | None]]:
    """(line, rule, title, addressee) of each introduction or salutation, in order."""
    starts = []
    for line in document.lines[: stop_line - 1]:
        text = line.text.strip()
        offset = line.start + (len(line.text) - len(line.text.lstrip()))
        # Every introduction holds a document word: a line without one is spared the patterns.
        for rule, pattern in INTRODUCTION_RULES if ANY_LETTER_WORD.search(text) else ():
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
            elif match and not only_blank_between(document, previous, line.number):
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
    return not any(VALEDICTION.match(document.line(n).text.strip()) or is_person_signature(document, n) for n in range(previous + 1, line_number))


OPENING_WITHIN_LINES = 12  # an address block and a date fit; a letter's text does not


# A heading naming a letter ("Letter to the Prime Minister on Kashmir"): a short line that is
# no sentence, holding a document word.
HEADING_LETTER_WORD = re.compile(rf"\b{LETTER_WORD}\b", re.IGNORECASE)
NOT_A_HEADING_END = re.compile(r"[.!?:;,][”\"’']?$")


def _is_heading(text: str) -> bool:
    return bool(text) and text[0].isupper() and len(text.split()) <= 12 and not NOT_A_HEADING_END.search(text) and bool(HEADING_LETTER_WORD.search(text))


def _salutation_follows(document: DocumentText, line_number: int, stop_line: int) -> bool:
    following = next_text_line(document, line_number + 1, stop_line)
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


def _read_letter(document, start_line, rule, title, addressee, next_start, section_start=1) -> FoundLetter | None:
    opens_itself = rule in ("salutation", "we the undersigned")
    introduction = None if opens_itself else document.line_span(start_line)
    first = start_line if opens_itself else next_text_line(document, start_line + 1, next_start)
    if first is None:
        return None
    heading = document.line(first).text.strip()
    if not opens_itself and _names_only_its_kind(title.text) and _is_heading(heading):
        # "The declaration reads in full:" then "The Oldham Declaration on Kashmir": the heading names it.
        title = document.line_span(first)
        first = next_text_line(document, first + 1, next_start)
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
    if addressee is not None and FORM_OF_ADDRESS.fullmatch(addressee.text):
        # "Your Excellency," under "Open letter to the Secretary-General …": the heading names whom.
        named = ADDRESSEE.search(title.text)
        addressee = document.span(title.start + named.start("addressee"), title.start + named.end("addressee")) if named else addressee
    kind = "statement" if re.search(r"\bstatement\b", title.text, re.IGNORECASE) else "letter"
    letter = FoundLetter(title=title, kind=kind, rule=rule, introduction=introduction, body=title, addressee=addressee)
    body_end, block = _signatures(document, letter, first, next_start)
    letter.body = lines_span(document, first, body_end)
    if block is not None:
        letter.entries, letter.signature_rule, letter.unnamed = block.entries, block.rule, block.unnamed
    letter.organiser = _organiser(document, title)
    return letter


def _signatures(document: DocumentText, letter: FoundLetter, first: int, next_start: int) -> tuple[int, Block | None]:
    """(the last line of the letter's text, its signatures), by the layouts of `blocks`, in order."""
    valediction = next(
        (n for n in range(first, next_start) if VALEDICTION.match(document.line(n).text.strip()) or run_on.starts(document, n)), None
    )
    found_table = table.read(document, first, next_start)
    if found_table and (valediction is None or valediction < found_table[0]):
        header_line, block = found_table
        return previous_text_line(document, header_line - 1, first), block
    if valediction is not None and run_on.starts(document, valediction):
        return valediction - 1, run_on.read(document, valediction, next_start)
    if valediction is not None:
        return valediction, valediction_list.read(document, valediction + 1, next_start)
    body_end = _quote_end(document, first, next_start)
    block_start = next_text_line(document, body_end + 1, next_start) if body_end else None
    if body_end is None or block_start is None or not is_person_signature(document, block_start):
        block_start = next((n for n in range(first + 1, next_start) if is_person_signature(document, n)), None)
        body_end = previous_text_line(document, (block_start or next_start) - 1, first)
    if block_start is not None:
        return body_end, name_place_role.read(document, block_start, next_start)
    return body_end, issuer.read(letter.title, letter.introduction)


def _organiser(document: DocumentText, title: Span) -> Span | None:
    match = ORGANISER.search(title.text)
    if not match:
        return None
    return document.span(title.start + match.start("organiser"), title.start + match.end("organiser"))


def _quote_end(document: DocumentText, first: int, next_start: int) -> int | None:
    """For a text that opens with a quotation mark, the line where the quotation closes."""
    if not document.line(first).text.strip().startswith(OPENING_QUOTE):
        return None
    for number in range(first, next_start):
        if document.line(number).text.rstrip().endswith(CLOSING_QUOTE):
            return number
    return None
