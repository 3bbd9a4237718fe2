"""Read stage, saved web pages: the text of an HTML page's article, its comments kept apart,
and what the page declares about itself.

Takes: an `.html` or `.htm` file's bytes. Gives: a `PageReading`: the text a careful reader
would copy from the page, and the page's own metadata, each value with the tag it was read from.

The text:
- the page's headline (its article's first `<h1>`), then the article's blocks, found by
  trafilatura (pinned), which leaves out the header, navigation, sharing buttons, forms and
  footer; a blank line between blocks, one line per line break the page prints within a block
  (`<br>`: a list of signatures in one paragraph keeps a line each), a list's items a line each,
  a table's rows a line each with a tab between cells;
- the reader comments, when the page has any, after a line "Comments", each its own block:
  a comment is never part of the article or a letter.

The metadata, only as the page declares it (never guessed from its words or address):
- title: `og:title`, `twitter:title`, JSON-LD `headline`, `<title>`;
- publisher: `og:site_name`, JSON-LD `publisher.name`;
- url: `<link rel="canonical">`, `og:url`;
- published: `article:published_time`, JSON-LD `datePublished`, `<meta name="date">`, as a
  date (YYYY-MM-DD) when the value starts with one.
The first of each list that the page gives is taken; `documents.yml` still wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import trafilatura

from scripts.common.errors import BuildError

COMMENTS_HEADING = "Comments"
# Fewer words than this is no article (a menu, a search form): the page is refused, not read.
MIN_MAIN_WORDS = 20
ISO_DATE_START = re.compile(r"^(\d{4}-\d{2}-\d{2})")
WEB_ADDRESS = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class DeclaredValue:
    """One metadata value as the page declares it."""

    column: str  # title, publisher, url or published
    value: str
    raw: str  # the declared words, before any cleaning
    tag: str  # where it was read: '<meta property="og:site_name">'


@dataclass(frozen=True)
class PageReading:
    text: str
    declared: tuple[DeclaredValue, ...] = field(default=())


def read_html(path, raw: bytes) -> PageReading:
    """The page's text and declared metadata, or a BuildError naming the file."""
    try:
        root = lxml.html.document_fromstring(raw)
    except (lxml.etree.ParserError, ValueError) as error:
        raise BuildError(path, f"not an HTML page that can be read ({error})") from None
    extracted = trafilatura.extract(
        raw, output_format="xml", include_comments=True, include_tables=True, include_formatting=False,
        include_links=False, include_images=False, with_metadata=False, deduplicate=False, favor_recall=True,
    )
    if not extracted:
        raise BuildError(path, "no main text found in the page (an index, a form, or a page drawn by scripts?): save the article's own page")
    tree = lxml.etree.fromstring(extracted.encode("utf-8"))
    blocks = _blocks(tree.find("main"))
    words = sum(len(block.split()) for block in blocks)
    if words < MIN_MAIN_WORDS:
        raise BuildError(path, f"no main text found in the page (only {words} words of it, fewer than {MIN_MAIN_WORDS}): save the article's own page")
    headline = _headline(root)
    if headline and (not blocks or blocks[0].strip() != headline):
        blocks.insert(0, headline)
    comments = _blocks(tree.find("comments"))
    if comments:
        blocks += [COMMENTS_HEADING, *comments]
    return PageReading("\n\n".join(blocks) + "\n", tuple(_declared(root)))


def _blocks(element) -> list[str]:
    """trafilatura's XML, one string a block: a paragraph's lines, a list's items, a table's rows."""
    if element is None:
        return []
    blocks = []
    for child in element:
        if child.tag == "list":
            items = [_inline(item) for item in child.iter("item")]
            text = "\n".join(item for item in items if item)
        elif child.tag == "table":
            rows = ["\t".join(_inline(cell) for cell in row.iter("cell")) for row in child.iter("row")]
            text = "\n".join(row for row in rows if row.strip())
        else:
            text = _inline(child)
        if text.strip():
            blocks.append(text)
    return blocks


def _inline(element) -> str:
    """An element's words, a line break (`<lb/>`) as a new line, spacing single within each line."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    lines = "".join(parts).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _headline(root) -> str | None:
    for scope in ("//article//h1", "//main//h1", "//h1"):
        for heading in root.xpath(scope):
            text = " ".join(heading.text_content().split())
            if text:
                return text
    return None


def _declared(root) -> list[DeclaredValue]:
    """Each column's first declared value (see the module's list)."""
    candidates = {
        "title": [*_meta(root, "property", "og:title"), *_meta(root, "name", "twitter:title"), *_json_ld(root, "headline"), *_title(root)],
        "publisher": [*_meta(root, "property", "og:site_name"), *_json_ld(root, "publisher")],
        "url": [*_canonical(root), *_meta(root, "property", "og:url")],
        "published": [*_meta(root, "property", "article:published_time"), *_json_ld(root, "datePublished"), *_meta(root, "name", "date")],
    }
    declared = []
    for column, values in candidates.items():
        for raw, tag in values:
            value = _cleaned(column, raw)
            if value:
                declared.append(DeclaredValue(column, value, raw, tag))
                break
    return declared


def _cleaned(column: str, raw: str) -> str | None:
    text = " ".join(raw.split())
    if column == "published":
        match = ISO_DATE_START.match(text)
        return match.group(1) if match else None
    if column == "url":
        return text if WEB_ADDRESS.match(text) else None
    return text or None


def _meta(root, attribute: str, name: str):
    for element in root.xpath(f"//meta[@{attribute}=$name]", name=name):
        yield element.get("content") or "", f'<meta {attribute}="{name}">'


def _title(root):
    for element in root.xpath("//head/title"):
        yield element.text_content(), "<title>"


def _canonical(root):
    for element in root.xpath("//link[@rel='canonical']"):
        yield element.get("href") or "", '<link rel="canonical">'


def _json_ld(root, key: str):
    """`key` of the page's JSON-LD objects (a publisher's `name`), in the order given."""
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in _objects(data):
            value = item.get(key)
            if isinstance(value, dict):
                value = value.get("name")
            if isinstance(value, str):
                yield value, f"JSON-LD {key}" + (".name" if key == "publisher" else "")


def _objects(data):
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph", []))
