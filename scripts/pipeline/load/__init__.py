"""Load stage, the only stage that touches SQLite. Takes: rows as tuples in the column order
of `schema`. Gives: a database with every table of the schema, foreign keys, indexes,
full-text search and views (`writer`)."""
