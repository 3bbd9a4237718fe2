"""Extract stage. Takes: a `Document`, the reviewed corrections and its curated hints. Gives: an
`ExtractedDocument`, every value a `Span` of the document's (reading) text:
- its letters (`letters`: where each starts and how its signatures are laid out; layouts that
  take more than lines in `blocks/`), with the curated hints (`hints`) and corrections
  (`corrections`) applied;
- each signature read by its shape (`signatures`, trying the shapes of `items/` in order) into
  name, kind, role, place, organisation signed for, affiliation and counts; what a person's
  name looks like is in `names`;
- the claims about how many signed; the reader comments (`comments`), kept apart;
- what the rules could not read with confidence (`review`), for the `to_review` table.
Knows no names: a new document in the same forms is extracted with no change to the code.
"""
