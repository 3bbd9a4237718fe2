"""The letters table: every open letter or statement that carries signatures, and only those."""

from __future__ import annotations

JVL = "000_256be309d504f665"


def letter(db, title_words):
    rows = db.execute("select * from letters where title like ?", [f"%{title_words}%"]).fetchall()
    assert len(rows) == 1, title_words
    return rows[0]


def test_the_compilation_holds_three_letters_and_the_other_documents_none(db):
    counts = dict(db.execute("select document_id, count(*) from letters group by document_id").fetchall())
    assert counts == {JVL: 3}


def test_the_scg_statement_is_signed_by_the_group_alone(db):
    scg = letter(db, "SCG statement")
    assert scg["title"] == "SCG statement on Kashmir"
    assert scg["kind"] == "statement"
    assert (scg["line_start"], scg["line_end"], scg["introduction_line"]) == (37, 47, 35)
    assert scg["signed_by_count"] == 1
    assert scg["unnamed_signatories"] is None and scg["claimed_signatories"] is None
    signer = db.execute("select * from signatories where letter_id = ?", [scg["id"]]).fetchone()
    assert (signer["name"], signer["kind"], signer["organisation_id"]) == ("SCG", "organisation", "socialist-campaign-group")


def test_the_momentum_letter_has_three_named_signatures_and_300_others(db):
    momentum = letter(db, "Momentum Internationalists")
    assert momentum["title"] == "open letter organised by Momentum Internationalists"
    assert momentum["organiser_id"] == "momentum-internationalists"
    assert momentum["signed_by_count"] == 3
    assert momentum["unnamed_signatories"] == 300
    assert (momentum["line_start"], momentum["line_end"]) == (51, 65)
    assert momentum["addressee"] is None  # the letter names no addressee


def test_the_momentum_letter_claim_of_hundreds_is_kept_without_a_number(db):
    momentum = letter(db, "Momentum Internationalists")
    assert momentum["claimed_signatories"] is None
    assert "hundreds of members" in momentum["claimed_signatories_note"]
    claim = db.execute("select * from claims where letter_id = ?", [momentum["id"]]).fetchone()
    assert (claim["count"], claim["bound"], claim["line"]) == (None, "no number", 23)


def test_the_mosques_letter_claims_over_100_as_a_lower_bound(db):
    mosques = letter(db, "mosques")
    assert mosques["title"] == "letter from the mosques"
    assert mosques["claimed_signatories"] == 100
    assert mosques["claimed_signatories_note"].startswith("lower bound")
    claims = db.execute("select line, count, bound from claims where letter_id = ? order by line", [mosques["id"]]).fetchall()
    assert [tuple(claim) for claim in claims] == [(7, 100, "lower bound"), (71, 100, "lower bound")]


def test_the_mosques_letter_is_addressed_to_keir_starmer(db):
    assert letter(db, "mosques")["addressee"] == "Labour leader Keir Starmer"


def test_the_mosques_letter_has_61_signatures_and_states_no_unnamed_count(db):
    mosques = letter(db, "mosques")
    assert mosques["signed_by_count"] == 61
    assert mosques["unnamed_signatories"] is None
    assert (mosques["line_start"], mosques["line_end"]) == (81, 163)


def test_signed_by_count_is_the_number_of_signature_rows(db):
    mismatched = db.execute(
        "select letters.id from letters left join signatories on signatories.letter_id = letters.id "
        "group by letters.id having count(signatories.id) != letters.signed_by_count"
    ).fetchall()
    assert mismatched == []


def test_a_letters_offsets_cover_its_lines(db):
    for row in db.execute("select letters.*, documents.text from letters join documents on documents.id = document_id"):
        lines = row["text"].split("\n")
        assert row["text"][row["start"] : row["end"]].startswith(lines[row["line_start"] - 1].strip())
        assert row["text"][row["start"] : row["end"]].endswith(lines[row["line_end"] - 1].strip())
