"""The document reader in a real browser (Debian's Chromium, headless) against Datasette on
127.0.0.1: from a document to a highlighted signatory's row, and from the row back to its words."""

from __future__ import annotations


def test_a_highlighted_signatory_leads_to_its_row_and_back(page, served, db):
    signatory_id, name, document_id, words = db.execute(
        "select signatories.id, signatories.name, signatories.document_id, substr(documents.text, signatories.start + 1, signatories.end - signatories.start)"
        " from signatories join documents on documents.id = signatories.document_id"
        " where signatories.kind = 'person' and signatories.role is not null order by signatories.rowid limit 1"
    ).fetchone()
    page.goto(f"{served}/-/read/{document_id}")
    highlight = page.locator(f'a.hl-signatory[href$="/signatories/{signatory_id}"]').first
    assert highlight.is_visible()
    assert highlight.inner_text() in words and highlight.inner_text().startswith(name)

    highlight.click()
    page.wait_for_url(f"**/kashmir/signatories/{signatory_id}")
    assert page.locator("h1").inner_text().strip() == name and page.locator("tr.col-name td").inner_text() == name

    page.locator(".row-actions a.read-in-document").click()
    page.wait_for_url(f"**/-/read/{document_id}#signatory-{signatory_id}")
    outlined = page.locator("a.hl.targeted")
    assert outlined.count() >= 1
    assert "".join(outlined.all_inner_texts()) == words
    assert page.locator(f"#signatory-{signatory_id}").count() == 1
    # The browser scrolled the words into view.
    box = outlined.first.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
