"""The build pipeline, one package per stage, each taking plain data and giving plain data:

    seeds/*.txt ─▶ read ─▶ extract ─▶ resolve ─▶ load ─▶ release ─▶ build/kashmir.db
                            ▲            ▲
                   corrections.yml   register.yml, places.yml + GeoNames

- `read`: files -> `Document`s (text, id, metadata);
- `extract`: a document -> its letters, signatures, claims and comments, as spans of its text;
- `resolve`: an extracted document -> the rows of every table it feeds, with the entities
  (organisations, people, places) it names and the provenance of each value;
- `load`: rows -> SQLite tables, indexes, full-text search, views (the only stage that
  touches SQLite);
- `release`: the new database checked against the dataset's assertions, compared with the
  previous build, and moved into place atomically.
`shards` runs read -> load for runs of documents in worker processes.
"""
