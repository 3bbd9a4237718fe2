"""Extract stage: how a letter's signatures are laid out, where that takes more than lines.

`scripts.pipeline.extract.letters` finds each letter and tries, in order: a list after a
valediction (one signature a line, numbered or not, in groups under headings), a paragraph of
signatures run on after "Signed by:", a table (`table`), a block of "Name, Place, Role" lines
after the text, and the author the introduction names. A new layout is a new module here.
"""
