"""Resolve stage. Takes: an `ExtractedDocument`, and the register and gazetteer every document
shares. Gives: the document's rows of every table and its observations of the entities it
names (`resolver`, which runs the steps in order), then, across documents, the rows of the
organisations, people and locations tables (`entity_tables`).

The steps, each a module:
- `document_rows`: one `DocumentRows` per document: its letters, claims, signatories and
  comments, each value with a provenance statement (`provenance`);
- `entities`: which organisation or person each name stands for (by name, acronym or alias
  from the register; `organisation_kinds` gives the rest a kind by rule);
- `mentions` and `name_index`: where the document prints a known name; `mention_rows`: the
  mentions rows;
- `gazetteer` and `places`: which places the words name (GeoNames and `places.yml`, decided
  by context where a name is shared); `locate`: where each signatory is (the map is a view of it);
- `local_authorities`: the local authority each place lies in, with its county, region and
  nation (the ONS Postcode Directory), filled in when the gazetteer is loaded.
"""
