"""The mentions and comments tables: who each document names, and where."""

from __future__ import annotations

DAILY_MAIL = "003_1373bc5d39599841"


def test_people_who_sign_nothing_are_found_in_mentions(db):
    rows = db.execute(
        "select distinct person_id from mentions where person_id in ('keir-starmer', 'jeremy-corbyn', 'emily-thornberry')"
    ).fetchall()
    assert {row[0] for row in rows} == {"keir-starmer", "jeremy-corbyn", "emily-thornberry"}


def test_every_mention_points_at_its_words(db):
    rows = db.execute(
        "select mentions.*, substr(documents.text, start + 1, end - start) as words "
        "from mentions join documents on documents.id = document_id"
    ).fetchall()
    assert len(rows) > 150
    assert sum(row["entity_type"] == "place" for row in rows) > 100
    for row in rows:
        assert row["words"] == row["text"]


def test_the_longest_name_wins(db):
    rows = db.execute("select text, organisation_id from mentions where text like 'Labour Friends%'").fetchall()
    assert [tuple(row) for row in rows] == [("Labour Friends of India", "labour-friends-of-india")]
    # People and organisations never overlap; a place may lie inside an organisation's name.
    overlapping = db.execute(
        "select a.text, b.text from mentions a join mentions b on a.document_id = b.document_id and a.id < b.id "
        "and a.start < b.end and b.start < a.end where a.entity_type != 'place' and b.entity_type != 'place'"
    ).fetchall()
    assert overlapping == []


def test_names_match_with_their_printed_case_only(db):
    # "Very modi-ish" in a comment is not a mention of Narendra Modi.
    assert db.execute("select count(*) from mentions where text = 'modi'").fetchone()[0] == 0


def test_mentions_know_their_section(db):
    sections = dict(db.execute("select section, count(*) from mentions group by section").fetchall())
    assert set(sections) == {"article", "letter", "signature", "comment"}
    # A signature naming its own signatory, organisation or place is recorded by its signatories
    # row; mentions inside signatures are of anything else it names ("UNISON" in a role, "Kent"
    # beside "(Gillingham Mosque)", an unresolved "Shirley").
    own = db.execute(
        "select count(*) from mentions join signatories on signatories.id = mentions.signatory_id "
        "where mentions.person_id = signatories.person_id or mentions.organisation_id = signatories.organisation_id "
        "or mentions.location_id = signatories.location_id"
    ).fetchone()[0]
    assert own == 0
    kent = db.execute(
        "select mentions.text from mentions join signatories on signatories.id = mentions.signatory_id "
        "where signatories.name = 'Kent Muslim Welfare Association (Gillingham Mosque)' and entity_type = 'place'"
    ).fetchall()
    assert [row[0] for row in kent] == ["Kent"]
    row = db.execute("select * from mentions where text = 'UNISON'").fetchone()
    assert row["section"] == "signature"
    assert row["signatory_id"] == db.execute("select id from signatories where name = 'Ruth Cashman'").fetchone()[0]
    hindu_forum = db.execute("select section, comment_id from mentions where text = 'Hindu Forum of Britain'").fetchone()
    assert hindu_forum["section"] == "comment" and hindu_forum["comment_id"]


def test_the_daily_mail_mentions_the_jklf_and_labour_figures(db):
    rows = db.execute("select distinct coalesce(person_id, organisation_id) from mentions where document_id = ?", [DAILY_MAIL])
    named = {row[0] for row in rows}
    assert {"jammu-kashmir-liberation-front", "jeremy-corbyn", "emily-thornberry", "jennie-formby", "labour-party"} <= named


def test_reader_comments_are_kept_apart_with_their_words(db):
    rows = db.execute(
        "select comments.*, substr(documents.text, start + 1, end - start) as words "
        "from comments join documents on documents.id = document_id order by position"
    ).fetchall()
    assert [(row["author"], row["line_start"]) for row in rows] == [
        ("Ellie Palmer", 167), ("Joern Janssen", 171), ("RC", 175), ("RC", 179)
    ]
    assert rows[1]["text"] == "I support the SCG position"
    for row in rows:
        assert row["words"].startswith(row["author"]) and row["words"].endswith(row["text"])
