"""Resolve stage. Takes: an `ExtractedDocument`, the register and the gazetteer. Gives: the
document's rows of every table (`document_rows`: letters, claims, signatories, comments,
mentions, the map, provenance), with each signatory's organisation and person
(`entities`), its place (`places`, `locate`) and every mention of a known name
(`mentions`); and its observations of the entities, which `entity_tables` merges across
documents into the organisations, people and locations tables."""
