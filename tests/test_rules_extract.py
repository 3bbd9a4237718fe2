"""The extract stage's rules, one by one, on short invented documents (no database).

Specifies how `scripts.pipeline.extract` reads a plain text: where a letter starts
(introduction or salutation), what its signatures are (a list after a valediction, a block of
"Name, Place, Role" lines after its text, or the author its introduction names), the "and N
others" line, claims about how many signed and which letter each is about, the addressee and
organiser; how each printed signature splits into name, place, role, member count and acronym,
and whether it is a person's or an organisation's; that reader comments are neither letters nor
claims; and how a reviewed correction replaces the signatures of the lines it corrects.
Every value is checked as a user would see it, and where it matters, that its offsets point at
its own words in the document.
"""

from __future__ import annotations

import pytest

from scripts.common.errors import BuildError
from scripts.common.spans import DocumentText, Span
from scripts.curated.corrections import Correction
from scripts.pipeline.extract.comments import find_comments
from scripts.pipeline.extract.corrections import apply_corrections
from scripts.pipeline.extract.items.parsed import SignatureEntry
from scripts.pipeline.extract.letters import comments_start_line, find_letters
from scripts.pipeline.extract.review import to_review
from scripts.pipeline.extract.signatures import parse_signature


def lines(*text_lines: str) -> DocumentText:
    return DocumentText("\n".join(text_lines) + "\n")


def at_offsets(document: DocumentText, span: Span) -> str:
    """The document's words at the span's offsets: they must be the span's own words."""
    assert document.text[span.start : span.end] == span.text
    assert document.line_of(span.start) == span.line
    return span.text


def only_letter(document: DocumentText):
    letters = find_letters(document)
    assert len(letters) == 1, [letter.title.text for letter in letters]
    return letters[0]


def entry_texts(letter) -> list[str]:
    return [entry.span.clean for entry in letter.entries]


# Where a letter starts: an introduction line, or a salutation.


@pytest.mark.parametrize(
    ("introduction", "rule", "title", "kind"),
    [
        (
            "Below is the full text of the Riverside Forum statement on Kashmir.",
            "full text introduction", "Riverside Forum statement on Kashmir", "statement",
        ),
        ("Here is the full text of an appeal by Tarn Valley traders:", "full text introduction", "appeal by Tarn Valley traders", "letter"),
        ("Here is the letter from the Eastfield imams in full:", "here-is introduction", "letter from the Eastfield imams", "letter"),
        ("Below is the declaration below:", "here-is introduction", "declaration", "letter"),
        ("The open letter to the council reads:", "reads introduction", "open letter to the council", "letter"),
        ("The full petition is as follows:", "reads introduction", "petition", "letter"),
        ("The pledge reads:", "reads introduction", "pledge", "letter"),
        ("The motion, passed by the branch, reads:", "reads introduction", "motion, passed by the branch,", "letter"),
        ("Here is the resolution in full:", "here-is introduction", "resolution", "letter"),
    ],
)
def test_an_introduction_line_starts_a_letter_titled_by_the_words_it_uses_for_it(introduction, rule, title, kind):
    document = lines(introduction, "We ask for calm in the valley.", "Yours sincerely,", "Alder Community Trust")
    letter = only_letter(document)
    assert (letter.rule, at_offsets(document, letter.title), letter.kind) == (rule, title, kind)
    assert letter.introduction.line == 1 and letter.introduction.text == introduction
    assert letter.body.line == 2  # the letter's text begins after its introduction


def test_a_heading_naming_a_letter_above_its_salutation_starts_it_and_titles_it():
    document = lines(
        "Councillors write on Kashmir",
        "The letter was sent on Monday.",
        "",
        "Letter to the Prime Minister on Kashmir",
        "",
        "Dear Prime Minister,",
        "We ask for calm.",
        "Yours sincerely,",
        "Amira Khan MP (Leeds North)",
    )
    letter = only_letter(document)
    assert (letter.rule, at_offsets(document, letter.title), letter.addressee.text) == (
        "heading before a salutation", "Letter to the Prime Minister on Kashmir", "Prime Minister",
    )
    assert entry_texts(letter) == ["Amira Khan MP (Leeds North)"]


def test_a_heading_after_an_introduction_that_names_only_the_kind_titles_the_letter():
    document = lines("The declaration reads in full:", "", "The Tarn Valley Declaration on Kashmir", "", "We declare our concern.", "Signatories:", "1. Amira Khan, Leeds")
    letter = only_letter(document)
    assert at_offsets(document, letter.title) == "The Tarn Valley Declaration on Kashmir"
    assert letter.body.line == 5 and entry_texts(letter) == ["Amira Khan, Leeds"]  # the number only counts it


def test_a_salutation_may_begin_with_to():
    letter = only_letter(lines("To the Members of Parliament for Leeds,", "We ask for calm.", "Yours faithfully,", "Amira Khan, Harehills, Nurse"))
    assert letter.addressee.text == "the Members of Parliament for Leeds"


def test_a_list_goes_on_past_a_blank_line_while_the_next_line_reads_as_a_signature():
    letter = only_letter(lines(
        "Dear Editor,", "We object.", "Yours faithfully,", "Hillside Mosque", "Eastgate Islamic Centre", "",
        "Asif Mirza, Reading Interfaith Forum", "", "Filed under: Community, Kashmir", "The editor replies below.",
    ))
    assert entry_texts(letter) == ["Hillside Mosque", "Eastgate Islamic Centre", "Asif Mirza, Reading Interfaith Forum"]


def test_signatures_run_on_in_a_paragraph_after_signed_by_are_split_outside_parentheses():
    letter = only_letter(lines(
        "The statement in full:",
        "“We stand together.”",
        "Signed by: Cllr Nargis Rashid (Cheetham, Manchester), Cllr Aftab Hussain (Longsight, Manchester),",
        "Cllr Emma Whitworth (Kingsway, Rochdale) and 23 other councillors.",
    ))
    assert entry_texts(letter) == ["Cllr Nargis Rashid (Cheetham, Manchester)", "Cllr Aftab Hussain (Longsight, Manchester)", "Cllr Emma Whitworth (Kingsway, Rochdale)"]
    assert letter.unnamed[0] == 23 and letter.unnamed[1].text == "and 23 other councillors"
    assert letter.signature_rule == "run-on paragraph after Signed by"


def test_signatures_grouped_under_headings_keep_their_heading():
    document = lines(
        "Dear Secretary-General,", "We ask for an envoy.", "Yours respectfully,", "",
        "Birmingham", "Tariq Nawaz – Chair, Kashmir Community Alliance UK", "",
        "Trade unionists", "Kevin Marsh – Branch Secretary, West Midlands Bus Workers' Association",
    )
    letter = only_letter(document)
    assert [(entry.span.clean, entry.heading.text) for entry in letter.entries] == [
        ("Tariq Nawaz – Chair, Kashmir Community Alliance UK", "Birmingham"),
        ("Kevin Marsh – Branch Secretary, West Midlands Bus Workers' Association", "Trade unionists"),
    ]


def test_a_line_inside_an_unheaded_list_is_a_signature_however_it_reads():
    # An organisation's name no rule knows, between two others, with no blank line above it: not a heading.
    letter = only_letter(lines(
        "Dear Prime Minister,", "We ask for calm.", "Yours sincerely,",
        "Sowerby Bridge Unity Group", "Hebden Bridge Kashmir Solidarity", "Calder Valley Trades Council",
    ))
    assert entry_texts(letter) == ["Sowerby Bridge Unity Group", "Hebden Bridge Kashmir Solidarity", "Calder Valley Trades Council"]
    assert all(entry.heading is None for entry in letter.entries)


def test_a_heading_inside_a_headed_list_needs_no_blank_line_above_it():
    letter = only_letter(lines(
        "Dear Secretary-General,", "We ask for an envoy.", "Yours respectfully,",
        "Birmingham", "Tariq Nawaz – Chair, Kashmir Community Alliance UK",
        "Trade unionists", "Kevin Marsh – Branch Secretary, West Midlands Bus Workers' Association",
    ))
    assert [entry.heading.text for entry in letter.entries] == ["Birmingham", "Trade unionists"]


def test_a_line_of_prose_after_a_blank_line_ends_the_signatures():
    letter = only_letter(lines("Dear Editor,", "We object.", "Yours faithfully,", "Hillside Mosque", "", "The committee says it will deliver the letter next month."))
    assert entry_texts(letter) == ["Hillside Mosque"]


def test_a_table_under_a_header_row_is_read_by_its_columns_and_a_second_table_keeps_its_heading():
    document = lines(
        "The Tarn Valley Petition", "", "To the House of Commons", "", "We ask for a debate.", "",
        "Name | Organisation | Town", "Shazia Malik | Tarn Women's Group | Luton", "Robert Greaves | | Dunstable", "",
        "Faith leaders", "", "Name\tRole\tTown", "Rev Margaret Ellis\tVicar\tDunstable",
    )
    letter = only_letter(document)
    assert letter.signature_rule == "table with a header row"
    rows = [{field: at_offsets(document, span) for field, span in entry.columns} for entry in letter.entries]
    assert rows == [
        {"name": "Shazia Malik", "organisation": "Tarn Women's Group", "place": "Luton"},
        {"name": "Robert Greaves", "place": "Dunstable"},
        {"name": "Rev Margaret Ellis", "role": "Vicar", "place": "Dunstable"},
    ]
    assert [entry.heading.text if entry.heading else None for entry in letter.entries] == [None, None, "Faith leaders"]


def test_the_only_letter_of_a_page_that_only_a_salutation_starts_is_titled_by_the_headline():
    document = lines("Leeds residents write to city MPs over Kashmir lockdown", "", "Posted by a residents' group.", "",
                     "To the Members of Parliament for Leeds,", "We ask for calm.", "Yours faithfully,", "Amira Khan, Harehills, Nurse")
    letter = only_letter(document)
    assert at_offsets(document, letter.title) == "Leeds residents write to city MPs over Kashmir lockdown"
    assert letter.addressee.text == "the Members of Parliament for Leeds"


def test_a_salutation_that_names_no_one_leaves_the_addressee_to_the_heading():
    document = lines("Open letter to the Secretary-General of the United Nations on Kashmir", "", "Your Excellency,", "We ask for an envoy.",
                     "Yours respectfully,", "Amira Khan, Leeds, Nurse")
    letter = only_letter(document)
    assert letter.addressee.text == "the Secretary-General of the United Nations"


def test_a_letter_is_a_statement_only_when_its_title_says_statement():
    kinds = [letter.kind for letter in find_letters(lines(
        "Below is the full text of the Hollins Group statement.", "We stand together.", "",
        "Below is the full text of the Hollins Group petition.", "We stand together too.",
    ))]
    assert kinds == ["statement", "letter"]


def test_a_salutation_starts_a_letter_and_names_its_addressee():
    document = lines(
        "Some news first.", "", "Dear Home Secretary,", "We write to urge restraint.", "Yours faithfully,", "Alder Community Trust"
    )
    letter = only_letter(document)
    assert letter.rule == "salutation" and letter.introduction is None
    assert at_offsets(document, letter.title) == "Dear Home Secretary,"
    assert at_offsets(document, letter.addressee) == "Home Secretary"


def test_a_salutation_right_after_an_introduction_belongs_to_that_letter():
    document = lines("Below is the full text of the letter.", "", "Dear Editor,", "We object.", "Yours sincerely,", "Cedar Youth Group")
    letter = only_letter(document)
    assert (letter.rule, letter.title.text) == ("full text introduction", "letter")
    assert at_offsets(document, letter.addressee) == "Editor"
    assert entry_texts(letter) == ["Cedar Youth Group"]


def test_each_letter_ends_where_the_next_begins():
    document = lines(
        "Here is the letter from the Eastfield imams in full:",
        "Dear Minister,",
        "We ask for calm.",
        "Yours sincerely,",
        "Imam Yusuf Patel",
        "Imam Bilal Shah",
        "",
        "Below is the full text of the Riverside Forum statement on Kashmir.",
        "We stand with the people of the valley.",
    )
    imams, forum = find_letters(document)
    assert imams.title.text == "letter from the Eastfield imams" and imams.addressee.text == "Minister"
    assert entry_texts(imams) == ["Imam Yusuf Patel", "Imam Bilal Shah"]
    assert forum.title.text == "Riverside Forum statement on Kashmir"
    assert entry_texts(forum) == ["Riverside Forum"]
    assert imams.end < forum.introduction.start


# Signatures: the list after a valediction.


@pytest.mark.parametrize(
    "valediction", ["Yours sincerely,", "Yours faithfully,", "Kind regards,", "In solidarity,", "Signed:", "Signatories:", "Signed by:"]
)
def test_each_line_after_a_valediction_up_to_a_blank_line_is_one_signature(valediction):
    document = lines(
        "Dear Councillors,",
        "We ask you to speak up.",
        valediction,
        "Alder Community Trust,",
        "Birch Lane Mosque",
        "Cedar Youth Group",
        "",
        "The paper asked them for comment.",
    )
    letter = only_letter(document)
    assert letter.signature_rule == "list after valediction"
    assert entry_texts(letter) == ["Alder Community Trust,", "Birch Lane Mosque", "Cedar Youth Group"]
    assert [entry.form for entry in letter.entries] == ["list"] * 3
    assert [entry.span.line for entry in letter.entries] == [4, 5, 6]
    assert all(at_offsets(document, entry.span) for entry in letter.entries)
    assert letter.body.line == 1 and letter.end == letter.entries[-1].span.end


@pytest.mark.parametrize(
    ("line", "count"),
    [("and 300 others", 300), ("and 1,250 others.", 1250), ("plus 40 more", 40), ("+ 12 others", 12), ("And 7 more signatories", 7)],
)
def test_a_line_of_and_300_others_after_the_signatures_counts_unnamed_signatories(line, count):
    document = lines("Dear Minister,", "We ask for calm.", "Yours sincerely,", "Alder Community Trust", "Birch Lane Mosque", line)
    letter = only_letter(document)
    assert entry_texts(letter) == ["Alder Community Trust", "Birch Lane Mosque"]  # the count is not a signature
    number, span = letter.unnamed
    assert number == count and at_offsets(document, span) == line
    assert letter.end == span.end


def test_a_blank_line_ends_the_signatures_so_a_later_count_is_not_theirs():
    document = lines("Dear Minister,", "We ask for calm.", "Yours sincerely,", "Alder Community Trust", "", "and 300 others")
    letter = only_letter(document)
    assert entry_texts(letter) == ["Alder Community Trust"] and letter.unnamed is None


# Signatures: a block of "Name, Place, Role" lines.


QUOTED_LETTER = (
    "Below is the full text of the open letter organised by Greenway Internationalists.",
    "“We, the undersigned, stand with the people of the valley.",
    "We call for peace and for their right to decide.”",
    "Amira Khan, Leeds, Ward Councillor",
    "Tom Varley, Bristol North, member, Greenway Internationalists",
    "[withheld], Hull, Teacher",
    "and 300 others",
)


def test_after_a_quoted_text_that_closes_name_place_role_lines_are_the_signatures():
    document = lines(*QUOTED_LETTER)
    letter = only_letter(document)
    assert letter.signature_rule == "name-place-role lines"
    assert entry_texts(letter) == [
        "Amira Khan, Leeds, Ward Councillor",
        "Tom Varley, Bristol North, member, Greenway Internationalists",
        "[withheld], Hull, Teacher",  # a withheld name still makes a signature line
    ]
    assert [entry.form for entry in letter.entries] == ["name-place-role"] * 3
    assert (letter.body.line, document.line_of(letter.body.end)) == (2, 3)  # the quoted text, and only it
    assert letter.unnamed[0] == 300


def test_name_place_role_lines_without_a_quote_follow_the_letters_text():
    document = lines(
        "Here is the appeal from Eastfield councillors in full:",
        "We ask the government to act now.",
        "Nobody should be silent.",
        "Nadia Farooq, Eastfield, Councillor",
        "Owen Birch, Westfield, Councillor",
        "",
        "The council has not replied.",
    )
    letter = only_letter(document)
    assert letter.signature_rule == "name-place-role lines"
    assert entry_texts(letter) == ["Nadia Farooq, Eastfield, Councillor", "Owen Birch, Westfield, Councillor"]
    assert at_offsets(document, letter.body) == "We ask the government to act now.\nNobody should be silent."


# Signatures: the author the introduction names, when there are no others.


@pytest.mark.parametrize(
    ("introduction", "issuer", "rule"),
    [
        ("Below is the full text of the Riverside Forum statement on Kashmir.", "Riverside Forum", "issuer named before the kind word"),
        ("Below is the full text of the Hollins Group's statement.", "Hollins Group", "issuer named before the kind word"),
        ("Here is the statement by the Northgate Tenants Association.", "Northgate Tenants Association", "issuer named after from/by"),
        (
            "Below is the full text of the statement of the Marsh Lane Residents' Association on Kashmir.",
            "Marsh Lane Residents' Association", "issuer named after from/by",
        ),
    ],
)
def test_a_statement_without_signatures_is_signed_by_the_organisation_its_introduction_names(introduction, issuer, rule):
    document = lines(introduction, "We stand with the people of the valley.", "We call for talks.")
    letter = only_letter(document)
    assert letter.signature_rule == rule
    [entry] = letter.entries
    assert entry.form == "issuer" and at_offsets(document, entry.span) == issuer
    assert letter.end == letter.body.end  # the author's name in the introduction does not stretch the letter


def test_an_introduction_naming_people_not_an_organisation_signs_no_one_in_their_name():
    letter = only_letter(lines("Here is the letter from the Tarn Valley traders in full:", "We ask for calm in the valley."))
    assert letter.entries == []  # no invented signatory: the letter goes to review


def test_an_introduction_that_names_no_author_gives_a_letter_without_signatures():
    letter = only_letter(lines("Below is the full text of the statement.", "We stand with the people of the valley."))
    assert letter.entries == [] and letter.signature_rule is None


def test_the_organiser_a_title_names_is_the_letters_organiser():
    document = lines(*QUOTED_LETTER)
    assert at_offsets(document, only_letter(document).organiser) == "Greenway Internationalists"


# Claims about how many signed.


def letter_with_claim(claim: str):
    document = lines(
        claim, "", "Here is the letter from the Eastfield imams in full:", "We ask for calm.", "Yours sincerely,", "Imam Yusuf Patel"
    )
    return document, only_letter(document)


@pytest.mark.parametrize(
    ("sentence", "count", "bound"),
    [
        ("Over 120 imams have signed a letter.", 120, "lower bound"),
        ("More than 120 imams have signed a letter.", 120, "lower bound"),
        ("At least 1,200 people have signed a letter.", 1200, "lower bound"),
        ("Up to 120 imams have signed a letter.", 120, "upper bound"),
        ("Around 120 imams have signed a letter.", 120, "approximate"),
        ("Nearly 120 imams have signed a letter.", 120, "approximate"),
        ("So far 120 imams have signed a letter.", 120, "exact"),
        ("Reports say dozens of imams have signed a letter.", None, "no number"),
    ],
)
def test_a_claim_that_a_number_have_signed_a_letter_keeps_its_number_and_bound(sentence, count, bound):
    document, letter = letter_with_claim(sentence)
    [claim] = letter.claims
    assert (claim.count, claim.bound, claim.rule) == (count, bound, "number have signed")
    assert at_offsets(document, claim.span) in sentence and claim.span.text.endswith("have signed a letter")


@pytest.mark.parametrize(
    ("sentence", "count", "bound", "words"),
    [
        ("It is an open letter signed by hundreds of members.", None, "no number", "open letter signed by hundreds of members"),
        ("It was a letter signed by over 1,000 people, the paper says.", 1000, "lower bound", "letter signed by over 1,000 people"),
    ],
)
def test_a_claim_of_a_letter_signed_by_a_number_keeps_its_number_and_bound(sentence, count, bound, words):
    document, letter = letter_with_claim(sentence)
    [claim] = letter.claims
    assert (claim.count, claim.bound, claim.rule) == (count, bound, "signed by number")
    assert at_offsets(document, claim.span) == words


@pytest.mark.parametrize(
    ("sentence", "count", "bound", "rule", "words"),
    [
        ("The letter was signed by 30 councillors from across the county.", 30, "exact", "signed by number", "letter was signed by 30 councillors"),
        ("The letter has now been signed by upwards of 200 people, its organisers say.", 200, "lower bound", "signed by number", "letter has now been signed by upwards of 200 people"),
        ("The letter, signed by 19 elected representatives, was sent on Monday.", 19, "exact", "signed by number", "letter, signed by 19 elected representatives"),
        ("More than 60 imams added their names to the letter.", 60, "lower bound", "number added their names", "More than 60 imams added their names to the letter"),
        ("Fourteen community leaders have added their names to the letter.", 14, "exact", "number added their names", "Fourteen community leaders have added their names to the letter"),
        ("More than 50 organisations are represented among the signatories.", 50, "lower bound", "number represented among the signatories", "More than 50 organisations are represented among the signatories"),
        ("Dozens of academics have signed it.", None, "no number", "number have signed", "Dozens of academics have signed it"),
        ("Some 300 members have signed the open letter.", 300, "approximate", "number have signed", "Some 300 members have signed the open letter"),
    ],
)
def test_a_claim_in_other_wordings_keeps_its_number_and_bound(sentence, count, bound, rule, words):
    document, letter = letter_with_claim(sentence)
    [claim] = letter.claims
    assert (claim.count, claim.bound, claim.rule) == (count, bound, rule)
    assert at_offsets(document, claim.span) == words


def test_a_number_that_is_not_about_signatures_is_no_claim():
    document, letter = letter_with_claim("The rally drew 2,000 people to the town hall, and 300 were signed up as stewards.")
    assert letter.claims == []


TWO_LETTERS_AND_A_STATEMENT = (
    "Over 50 Eastfield imams have signed a letter to the Home Secretary calling for calm.",
    "An open letter signed by hundreds of Greenway supporters, says the paper.",
    "At least 20 groups have signed the statement.",
    "",
    "Here is the letter from the Eastfield imams in full:",
    "We ask for calm.",
    "Yours sincerely,",
    "Imam Yusuf Patel",
    "",
    "Below is the full text of the open letter organised by Greenway Internationalists.",
    "“We stand together.”",
    "Amira Khan, Leeds, Ward Councillor",
    "",
    "Below is the full text of the Riverside Forum statement on Kashmir.",
    "We stand with the people of the valley.",
)


def test_a_claim_belongs_to_the_letter_whose_title_shares_most_of_its_words():
    imams, greenway, _ = find_letters(lines(*TWO_LETTERS_AND_A_STATEMENT))
    assert [claim.count for claim in imams.claims] == [50]
    # Nearer the imams' letter, but its words ("Greenway") are the Greenway letter's.
    assert [(claim.bound, claim.span.clean) for claim in greenway.claims] == [
        ("no number", "open letter signed by hundreds of Greenway supporters")
    ]


def test_a_claim_about_a_statement_belongs_to_the_statement():
    *_, forum = find_letters(lines(*TWO_LETTERS_AND_A_STATEMENT))
    assert [(claim.count, claim.bound) for claim in forum.claims] == [(20, "lower bound")]


def test_a_claim_names_the_addressee_of_a_letter_that_names_none():
    document = lines(*TWO_LETTERS_AND_A_STATEMENT)
    imams, greenway, _ = find_letters(document)
    assert at_offsets(document, imams.addressee) == "the Home Secretary"
    assert greenway.addressee is None  # its claim names no one it is to


def test_a_claim_does_not_replace_the_addressee_of_a_salutation():
    document = lines(
        "Over 50 imams have signed a letter to the Prime Minister.", "",
        "Dear Home Secretary,", "We ask for calm.", "Yours sincerely,", "Imam Yusuf Patel",
    )
    letter = only_letter(document)
    assert [claim.count for claim in letter.claims] == [50]
    assert letter.addressee.text == "Home Secretary"


def test_a_letters_own_words_are_not_a_claim_about_it():
    document = lines(
        "Here is the letter from the Eastfield imams in full:",
        "More than 30 neighbours have signed the letter below.",
        "Yours sincerely,",
        "Imam Yusuf Patel",
    )
    assert only_letter(document).claims == []


# Reader comments.


@pytest.mark.parametrize(
    "heading",
    [
        "Comments (2)", "Comment", "Reader comments:", "2 responses", "Responses (2):",
        "4 thoughts on “Open letter: Kirklees stands with Kashmir”", "3 Responses to Leeds residents write to MPs",
        "One thought on “The pledge”", "Leave a Reply",
    ],
)
def test_nothing_after_a_comments_heading_is_a_letter_or_a_claim(heading):
    document = lines(
        "Here is the letter from the Eastfield imams in full:",
        "We ask for calm.",
        "Yours sincerely,",
        "Imam Yusuf Patel",
        "",
        heading,
        "Ruth Lane says:",
        "Over 900 readers have signed a letter of their own.",
        "Dear Sir,",
        "Yours faithfully,",
        "Ruth Lane",
    )
    letter = only_letter(document)
    assert entry_texts(letter) == ["Imam Yusuf Patel"] and letter.claims == []


def test_each_comment_after_the_heading_has_the_author_the_page_names_and_its_words():
    document = lines(
        "Ellie Marsh says:",  # before the heading: the article, not a comment
        "Article text.",
        "",
        "Comments (3)",
        "Ellie Marsh says:",
        "I agree with every word.",
        "Well said.",
        "",
        "• Rob T wrote:",
        "Not so sure.",
        "Quiet Reader says:",
        "Comments are closed.",
        "Nobody reads this.",
    )
    comments = find_comments(document)
    assert [(at_offsets(document, c.author), at_offsets(document, c.text)) for c in comments] == [
        ("Ellie Marsh", "I agree with every word.\nWell said."),
        ("Rob T", "Not so sure."),
    ]  # a commenter with no words, and words after "Comments are closed", make no comment
    assert comments[0].author.line == 5


def test_wordpress_comments_end_at_the_reply_form_and_leave_out_reply_links():
    document = lines(
        "2 thoughts on “Open letter: Kirklees stands with Kashmir”",
        "",
        "Rafiq Hussain says:",
        "August 15, 2019 at 7:42 pm",
        "Signed. Rafiq Hussain, Bradford",
        "Reply",
        "",
        "Helen Firth said:",
        "Well said.",
        "Reply",
        "",
        "Leave a Reply",
        "Name *",
    )
    comments = find_comments(document)
    assert [(c.author.text, c.text.text) for c in comments] == [
        ("Rafiq Hussain", "August 15, 2019 at 7:42 pm\nSigned. Rafiq Hussain, Bradford"),
        ("Helen Firth", "Well said."),
    ]
    assert find_letters(document) == []  # a comment that reads like a signature signs nothing


def test_a_commenters_name_alone_on_a_line_over_a_date_starts_a_comment():
    document = lines("2 thoughts on “The petition”", "", "Tahir Mahmood", "12 September 2020 at 7:45 pm", "Well done.", "",
                     "Jean Walker", "13 September 2020 at 11:02 am", "I signed on paper.", "", "Leave a Reply")
    assert [(c.author.text, c.text.text) for c in find_comments(document)] == [
        ("Tahir Mahmood", "12 September 2020 at 7:45 pm\nWell done."),
        ("Jean Walker", "13 September 2020 at 11:02 am\nI signed on paper."),
    ]


def test_a_document_without_a_comments_heading_has_no_comments():
    assert find_comments(lines("Ellie Marsh says:", "I agree with every word.")) == []


# One printed signature: name, place, role, counts.


def signature(line: str, form: str = "list"):
    """The signature printed on the second line of a document, parsed as one of `form`."""
    document = lines("Signed:", line)
    parsed = parse_signature(document, SignatureEntry(document.line_span(2), form))
    for span in (parsed.name, parsed.place, parsed.role, parsed.organisation, parsed.member_span):
        if span is not None:
            at_offsets(document, span)
    return parsed


def text_of(span: Span | None) -> str | None:
    return span.text if span is not None else None


@pytest.mark.parametrize("line", ["Alder Community Trust,", "Alder Community Trust;", "Alder Community Trust ,"])
def test_list_punctuation_at_the_end_is_not_part_of_a_signature(line):
    assert signature(line).name.text == "Alder Community Trust"


@pytest.mark.parametrize(
    ("line", "name", "count", "unit", "words"),
    [
        ("Northern Council of Imams – 17 organisations", "Northern Council of Imams", 17, "organisations", "17 organisations"),
        ("Tarn Valley Network — 40 mosques", "Tarn Valley Network", 40, "mosques", "40 mosques"),
        ("Tarn Valley Network - 1,200 members,", "Tarn Valley Network", 1200, "members", "1,200 members"),
    ],
)
def test_a_count_and_unit_after_a_dash_is_the_signatorys_member_count(line, name, count, unit, words):
    parsed = signature(line)
    assert (parsed.name.text, parsed.member_count, parsed.member_unit, text_of(parsed.member_span)) == (name, count, unit, words)


def test_a_person_on_behalf_of_an_organisation_signs_for_it():
    parsed = signature("Samira Lodhi on behalf of the Westbrook Residents Association")
    assert (parsed.name.text, parsed.kind, parsed.kind_rule) == ("Samira Lodhi", "person", "on behalf of")
    assert (parsed.organisation.text, parsed.organisation_name) == ("Westbrook Residents Association", "Westbrook Residents Association")
    assert parsed.place is None and parsed.role is None


@pytest.mark.parametrize(
    ("line", "name", "place", "role"),
    [
        ("Helen Marsh, Leeds, Teacher", "Helen Marsh", "Leeds", "Teacher"),
        ("Helen Marsh, Leeds", "Helen Marsh", "Leeds", None),
        (
            "Jonah Pike, Hull, Secretary, Hull Trades Council (Branch 4, East)",
            "Jonah Pike", "Hull", "Secretary, Hull Trades Council (Branch 4, East)",
        ),
        ("Jonah Pike (he, him), Newcastle upon Tyne, Teacher", "Jonah Pike (he, him)", "Newcastle upon Tyne", "Teacher"),
        ("Nadia Farooq, Councillor", "Nadia Farooq", None, "Councillor"),
        ("Nadia Farooq, Ward Councillor for Eastgate", "Nadia Farooq", None, "Ward Councillor for Eastgate"),
    ],
)
def test_a_name_place_role_line_is_read_as_name_then_place_then_the_rest_as_role(line, name, place, role):
    parsed = signature(line, "name-place-role")
    assert (parsed.name.text, text_of(parsed.place), text_of(parsed.role)) == (name, place, role)


@pytest.mark.parametrize(
    ("line", "name", "place"),
    [
        ("Riverside Islamic Centre, Walsall", "Riverside Islamic Centre", "Walsall"),
        ("Riverside Islamic Centre, Newcastle upon Tyne", "Riverside Islamic Centre", "Newcastle upon Tyne"),
        ("Hilltop Mosque (Upper Hall, Lower Hall), Dewsbury", "Hilltop Mosque (Upper Hall, Lower Hall)", "Dewsbury"),
        ("Peace Forum, youth section", "Peace Forum, youth section", None),
        ("Peace Forum, Secretary", "Peace Forum, Secretary", None),
    ],
)
def test_a_signature_in_a_list_is_a_name_optionally_followed_by_a_place(line, name, place):
    parsed = signature(line)
    assert (parsed.name.text, text_of(parsed.place), parsed.role) == (name, place, None)


@pytest.mark.parametrize(
    ("line", "form", "kind", "rule"),
    [
        ("Dr Helen Marsh", "list", "person", "starts with an honorific"),
        ("Cllr. Omar Siddiq", "list", "person", "starts with an honorific"),
        ("Imam Yusuf Patel, Leeds, Hillside Mosque Trust", "name-place-role", "person", "starts with an honorific"),
        ("Helen Marsh, Leeds, Teacher", "name-place-role", "person", "name in a Name, Place, Role line"),
        ("Eastgate Youth Forum, Leeds, Organiser", "name-place-role", "organisation", "name holds an organisation word"),
        ("Hillside Mosque", "list", "organisation", "name holds an organisation word"),
        ("Brightwater Arts", "list", "organisation", "entry in a list of organisations"),
        ("Northgate Tenants Association", "issuer", "organisation", "author named by the introduction"),
    ],
)
def test_a_signature_is_a_persons_or_an_organisations_by_the_first_kind_rule_that_fits(line, form, kind, rule):
    parsed = signature(line, form)
    assert (parsed.kind, parsed.kind_rule) == (kind, rule)
    assert (parsed.organisation is None) == (kind == "person")  # an organisation signs for itself


def test_a_parenthesis_of_capitals_after_an_organisations_name_is_its_acronym():
    parsed = signature("Federation of Northern Mosques (FONM)")
    assert (parsed.kind, parsed.acronym, parsed.organisation_name) == ("organisation", "FONM", "Federation of Northern Mosques")
    assert parsed.name.text == "Federation of Northern Mosques (FONM)"  # the name as printed


def test_a_persons_parenthesis_of_capitals_is_not_an_acronym():
    parsed = signature("Dr Ali Raza (OBE)")
    assert (parsed.kind, parsed.acronym, parsed.organisation) == ("person", None, None)


# Reviewed corrections.


CORRECTABLE = (
    "Dear Minister,",  # 1
    "We ask for calm.",  # 2
    "Yours sincerely,",  # 3
    "Alder Trust Birch Society",  # 4: two signatures run together
    "Cedar Valley Community",  # 5: one signature broken over two lines
    "Association",  # 6
    "Dove Centre",  # 7
)


def correction(lines_: str, source: str, signatures: list[str], document: str = "doc.txt", id: str = "c1") -> Correction:
    return Correction(
        id=id, document=document, lines=lines_, source=source, signatures=signatures,
        reason="printed run together", evidence="the original page",
    )


def corrected(*corrections: Correction):
    document = lines(*CORRECTABLE)
    letters = find_letters(document)
    apply_corrections(list(corrections), document, "doc.txt", letters)
    return document, letters


def test_a_correction_replaces_the_signatures_of_its_lines_by_the_ones_it_names():
    document, [letter] = corrected(
        correction("4", "Alder Trust Birch Society", ["Alder Trust", "Birch Society"], id="split"),
        correction("5-6", "Cedar Valley Community\nAssociation", ["Cedar Valley Community Association"], id="join"),
    )
    assert [(entry.span.clean, entry.correction_id) for entry in letter.entries] == [
        ("Alder Trust", "split"),
        ("Birch Society", "split"),
        ("Cedar Valley Community Association", "join"),
        ("Dove Centre", None),
    ]
    assert all(entry.form == "list" and at_offsets(document, entry.span) for entry in letter.entries)
    assert letter.entries[2].span.text == "Cedar Valley Community\nAssociation"  # the words as printed


def test_a_correction_of_another_document_is_not_applied():
    _, [letter] = corrected(correction("4", "something else entirely", ["Alder Trust"], document="other.txt"))
    assert entry_texts(letter) == ["Alder Trust Birch Society", "Cedar Valley Community", "Association", "Dove Centre"]


@pytest.mark.parametrize(
    ("lines_", "source", "signatures", "message"),
    [
        ("4", "Alder Trust & Birch Society", ["Alder Trust", "Birch Society"], "source no longer matches"),
        ("4", "Alder Trust Birch Society", ["Alder Trust"], "the signatures do not account for 'Birch Society'"),
        ("4", "Alder Trust Birch Society", ["Birch Society", "Alder Trust"], "signature 'Birch Society' is not the next words"),
        ("2", "We ask for calm.", ["We ask for calm."], "lines 2-2 of doc.txt are not in a list of signatures"),
        ("40", "Alder Trust", ["Alder Trust"], "the document has no line 40"),
    ],
)
def test_a_correction_that_does_not_fit_its_document_stops_the_build_naming_itself(lines_, source, signatures, message):
    with pytest.raises(BuildError) as error:
        corrected(correction(lines_, source, signatures, id="c7"))
    assert "correction c7: " in str(error.value) and message in str(error.value)


# What the rules could not read with confidence goes to review, never nowhere.


def review_of(*text_lines: str) -> list[tuple[str, str]]:
    document = lines(*text_lines)
    letters = find_letters(document)
    return [(item.problem, at_offsets(document, item.span)) for item in to_review(document, letters, comments_start_line(document))]


def test_lines_that_read_as_signatures_but_that_no_rule_read_are_to_review():
    assert review_of(
        "Local people have spoken out.", "", "Amira Khan, Leeds, Nurse", "Tom Preston, Luton, Teacher", "Hillside Mosque", "",
        "The council will reply.",
    ) == [("signature-like lines that no rule read", "Amira Khan, Leeds, Nurse\nTom Preston, Luton, Teacher\nHillside Mosque")]


def test_a_letter_whose_signatures_could_not_be_read_is_to_review():
    [(problem, words)] = review_of("Here is the letter in full:", "We ask for calm in the valley.")
    assert (problem, words) == ("letter without signatures", "We ask for calm in the valley.")


def test_a_sentence_saying_how_many_signed_that_no_claim_rule_read_is_to_review():
    problems = review_of(
        "Organisers say 1,200 residents signed up to the campaign.", "",
        "Here is the letter from the Tarn Valley traders in full:", "We ask for calm.", "Yours sincerely,", "Hillside Mosque",
    )
    assert problems == [("claim-like sentence linked to no letter", "Organisers say 1,200 residents signed up to the campaign.")]


def test_what_the_rules_read_and_the_comments_are_not_to_review():
    assert review_of(
        "Over 50 imams have signed a letter.", "", "Here is the letter from the imams in full:", "We ask for calm.", "Yours sincerely,",
        "Hillside Mosque", "Eastgate Islamic Centre", "Tarn Valley Mosque", "", "Comments (1)", "Amira Khan says:",
        "Amira Khan, Leeds, Nurse", "Tom Preston, Luton, Teacher", "Signed by 300 of us.",
    ) == []


def test_a_form_that_half_matches_invents_no_signatory():
    document = lines(
        "Rubina Aslam MP (Bradford West) said the letter was welcome.",
        "Amira Khan, Leeds, Nurse, told the meeting she had not signed.",
        "",
        "Dear Rubina Aslam MP,",
        "We ask you to raise Kashmir in Parliament.",
        "Yours sincerely,",
        "Hillside Mosque",
        "",
        "Comments (1)",
        "Tom Preston says:",
        "Signed. Tom Preston, Luton",
    )
    letter = only_letter(document)
    assert entry_texts(letter) == ["Hillside Mosque"]  # not the MP addressed, nor the people the article quotes, nor the commenter
    assert letter.addressee.text == "Rubina Aslam MP"

