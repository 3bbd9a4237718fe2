"""Extract stage: the shapes one printed signature can take, one module each.

`scripts.pipeline.extract.signatures.parse_signature` strips what any signature may end with
(list punctuation, a member count "– 14 branches", "(personal capacity)"), then tries these
shapes in this order; the first that fits reads the signature, and its rule is recorded on the
row (`kind_rule`) and in provenance:

0. `table_row`: a row of a table, read by the columns its header names;
1. `on_behalf`: "X on behalf of Y", "X, pp. Y", "X, signed for Y": a person signing for an
   organisation;
2. `elected_member`: "Name MP (Constituency)" (MEP, MSP, MS, AM, MLA), "Lord/Baroness Name of
   Place", "Cllr Name (Ward, Borough)": a person, the post as role, the constituency, region or
   ward as place;
3. `name_dash_role`: "Name – Role, Organisation" (en dash, em dash or spaced hyphen): a person,
   the organisation named to identify them (affiliation);
4. `comma_fields`: fields separated by commas ("Name, Place, Role", "Name, Organisation, Town",
   "Organisation, Place", a bare name): always fits, the fallback.

A new shape is a new module here, placed in the order, with rule-level tests and a document of
the forms corpus (`tests/fixtures/forms/`); never a special case inside another.
"""
