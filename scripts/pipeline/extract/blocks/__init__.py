"""Extract stage: how a letter's signatures are laid out, one module per layout.

`scripts.pipeline.extract.letters` finds each letter, then tries, in order:
1. `table`: a table under a header row naming its columns ("Name | Organisation | Town");
2. `run_on`: a paragraph of signatures after "Signed by:", split outside parentheses;
3. `valediction_list`: a list after a valediction ("Yours sincerely,", "Signed:"), one signature
   a line, numbered or not, in groups under headings;
4. `name_place_role`: after the letter's text, a block of "Name, Place, Role" lines;
5. `issuer`: with none of these, the organisation the introduction names as the author.
Each gives a `Block`: the signature entries, the layout's rule, and an "and N others" count.
A new layout is a new module here, placed in the order, with a document in the forms corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.common.spans import Span
from scripts.pipeline.extract.items.parsed import SignatureEntry


@dataclass
class Block:
    rule: str  # recorded on the letter as signature_rule
    entries: list[SignatureEntry] = field(default_factory=list)
    unnamed: tuple[int, Span] | None = None  # "and 300 others": the count and its words
