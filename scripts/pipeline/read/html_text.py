"""Read stage, saved web pages: the text of an HTML page's article, its comments kept apart,
and what the page declares about itself.

Takes: an `.html` or `.htm` file's bytes. Gives: a `PageReading`: the text a careful reader
would copy from the page, and the page's own metadata, each value with the tag it was read from.

The text:
- the page's headline (the first `<h1>` of its `<article>` or `<main>`), then the article's blocks, found by
  trafilatura (pinned), which leaves out the header, navigation, sharing buttons, forms and
  footer; a blank line between blocks and where the page leaves an empty line (`<br><br>`),
  one line per line break the page prints within a block (`<br>`: a list of signatures in one
  paragraph keeps a line each), a list's items a line each (an item's own line breaks become
  commas: "Amina Rauf, Teacher"), a table's rows a line each with a tab between cells;
- a link's words inside the article are words like any other: trafilatura leaves out text
  that is mostly links, and a list of signatories whose names link to their pages is that;
- the reader comments, when the page has any, after a line "Comments", each its own block:
  a comment is never part of the article or a letter.

The page is decoded once, for both libraries: as its byte-order mark or declared character set
says, else as UTF-8; a page that is neither is refused rather than guessed.

The metadata, only as the page declares it (never guessed from its words or address, nor from
`<title>`, which usually adds the site's name, nor `<meta name="date">`, often a page's
modified date):
- title: `og:title`, `twitter:title`, JSON-LD `headline`;
- publisher: `og:site_name`, JSON-LD `publisher.name`;
- url: `<link rel="canonical">`, `og:url`;
- published: `article:published_time`, JSON-LD `datePublished`, as a date (YYYY-MM-DD) when
  the value starts with a real one.
The first of each list that the page gives is taken, with the line of the page's source it is
on; `documents.yml` still wins.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

from scripts.common.errors import BuildError

COMMENTS_HEADING = "Comments"
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# Names pages give to encodings, as browsers read them (the WHATWG Encoding Standard): a page
# that says Latin-1 is read as windows-1252.
WEB_ENCODING_NAMES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
BREAKS_APART = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
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
    where: str  # the file and the line of the page's source it is on


@dataclass(frozen=True)
class PageReading:
    text: str
    declared: tuple[DeclaredValue, ...] = field(default=())


def read_html(path, raw: bytes) -> PageReading:
    """The page's text and declared metadata, or a BuildError naming the file."""
    # An empty line a page makes with two line breaks (`<br><br>`) parts paragraphs: trafilatura
    # would keep only one break, and the words after a list would join it.
    markup = BREAKS_APART.sub("</p><p>", XML_DECLARATION.sub("", _decoded(path, raw), count=1))
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as error:
        raise BuildError(path, f"not an HTML page that can be read ({error})") from None
    declared = tuple(_declared(root, path))
    # Inside the article a link's words are words: trafilatura leaves out text that is mostly
    # links, and a list of signatories whose names link to their pages is exactly that.
    for link in root.xpath("//article//a | //main//a"):
        link.drop_tag()
    markup = lxml.html.tostring(root, encoding="unicode")
    extracted = trafilatura.extract(
        markup, output_format="xml", include_comments=True, include_tables=True, include_formatting=False,
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
    if headline and blocks[0] != headline:
        blocks.insert(0, headline)
    comments = _blocks(tree.find("comments"))
    if comments:
        blocks += [COMMENTS_HEADING, *comments]
    return PageReading("\n\n".join(blocks) + "\n", declared)


def _decoded(path, raw: bytes) -> str:
    """The page's characters, decoded once for every reader of it: as its byte-order mark or
    its declared character set says, else as UTF-8; a page that is neither is refused (a guess
    would turn "Siân" into "SiÃ¢n" without a word)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, raw = "utf-8", raw[3:]
    else:
        declared = DECLARED_CHARSET.search(raw[:4096])
        encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        encoding = WEB_ENCODING_NAMES.get(encoding, encoding)
    try:
        return raw.decode(encoding)
    except LookupError:
        raise BuildError(path, f"declares the character set {encoding!r}, which is not one Python knows") from None
    except UnicodeDecodeError as error:
        said = "declared" if encoding != "utf-8" or DECLARED_CHARSET.search(raw[:4096]) else "assumed (the page declares none)"
        raise BuildError(path, f"not {encoding} as {said}: byte 0x{raw[error.start]:02x} at offset {error.start} (save the page again as UTF-8)") from None
    except UnicodeError:  # a codec that is no character set ("punycode")
        raise BuildError(path, f"declares the character set {encoding!r}, which cannot be read as text") from None


# Where the elements trafilatura keeps start a new line (a paragraph in a table's cell, a list in an item).
BLOCK_TAGS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "cell", "div", "code"})


def _blocks(element) -> list[str]:
    """trafilatura's XML, one string a block: a paragraph's lines, a list's items (nested lists'
    items after their parent's, each once), a table's rows; a quotation's paragraphs apart."""
    if element is None:
        return []
    blocks = []
    for child in element:
        if child.tag == "list":
            text = "\n".join(_list_lines(child))
        elif child.tag == "table":
            text = "\n".join(row for row in map(_row, child.iter("row")) if row.strip())
        elif child.tag == "quote" and any(grandchild.tag in BLOCK_TAGS for grandchild in child):
            blocks += _blocks(child)
            continue
        else:
            text = _inline(child)
        if text.strip():
            blocks.append(text)
    return blocks


def _list_lines(element):
    """A list's items, a line each: an item's own line breaks ("<strong>Name</strong><br>Role")
    become commas, as a curator copying the list writes it; a nested list's items follow."""
    for item in element.findall("item"):
        own = ", ".join(line for line in _inline(item, skip="list").split("\n") if line)
        if own:
            yield own
        for nested in item.findall("list"):
            yield from _list_lines(nested)


def _row(row) -> str:
    """A table's row: its cells apart by a tab, a cell's own lines run together by spaces."""
    return "\t".join(" ".join(line for line in _inline(cell).split("\n") if line) for cell in row.findall("cell"))


def _inline(element, skip: str | None = None) -> str:
    """An element's words, a line break (`<lb/>`) or a block inside it starting a new line,
    spacing single within each line."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == skip:
            pass
        elif child.tag == "lb":
            parts.append("\n")
        elif child.tag in BLOCK_TAGS:
            parts.append(f"\n{_inline(child)}\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    # Lines with single spacing; where the page leaves an empty line (`<br><br>`), one blank line.
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    kept = [line for index, line in enumerate(lines) if line or (index and lines[index - 1])]
    return "\n".join(kept).strip("\n")


def _headline(root) -> str | None:
    """The article's own headline: the first `<h1>` inside its `<article>` or `<main>`, never a
    theme's site title (an `<h1>` outside both)."""
    for scope in ("//article//h1", "//main//h1"):
        for heading in root.xpath(scope):
            text = " ".join(heading.text_content().split())
            if text:
                return text
    return None


def _declared(root, path) -> list[DeclaredValue]:
    """Each column's first declared value (see the module's list)."""
    candidates = {
        "title": [*_meta(root, "property", "og:title"), *_meta(root, "name", "twitter:title"), *_json_ld(root, "headline")],
        "publisher": [*_meta(root, "property", "og:site_name"), *_json_ld(root, "publisher")],
        "url": [*_canonical(root), *_meta(root, "property", "og:url")],
        "published": [*_meta(root, "property", "article:published_time"), *_json_ld(root, "datePublished")],
    }
    declared = []
    for column, values in candidates.items():
        for raw, tag, line in values:
            value = _cleaned(column, raw)
            if value:
                declared.append(DeclaredValue(column, value, raw, tag, f"{Path(path).name}, line {line}"))
                break
    return declared


def _cleaned(column: str, raw: str) -> str | None:
    text = " ".join(raw.split())
    if column == "published":
        match = ISO_DATE_START.match(text)
        if not match:
            return None
        try:
            datetime.date.fromisoformat(match.group(1))
        except ValueError:
            return None  # "2019-13-45" is no date
        return match.group(1)
    if column == "url":
        return text if WEB_ADDRESS.match(text) else None
    return text or None


def _meta(root, attribute: str, name: str):
    for element in root.xpath(f"//meta[@{attribute}=$name]", name=name):
        yield element.get("content") or "", f'<meta {attribute}="{name}">', element.sourceline


def _canonical(root):
    for element in root.xpath("//link[@rel='canonical']"):
        yield element.get("href") or "", '<link rel="canonical">', element.sourceline


def _json_ld(root, key: str):
    """`key` of the page's JSON-LD objects (a publisher's `name`), in the order given."""
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except (ValueError, RecursionError):
            continue  # not JSON, or nested past reading: declares nothing
        for item in _objects(data):
            value = item.get(key)
            if isinstance(value, dict):
                value = value.get("name")
            if isinstance(value, str):
                yield value, f"JSON-LD {key}" + (".name" if key == "publisher" else ""), script.sourceline


def _objects(data):
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph", []))
