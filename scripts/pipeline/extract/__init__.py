"""Extract stage. Takes: a `Document` and the reviewed corrections. Gives: an
`ExtractedDocument`: its letters (found by their form, in `letters`), each signature parsed
into name, place, role and counts (`signatures`), the claims about how many signed, and the
reader comments (`comments`); every value a `Span` of the document's text. Knows no names:
a new document in the same forms is extracted with no change to the code."""
