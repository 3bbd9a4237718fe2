"""Readers of the curated files in the seeds folder, where the facts a person reviewed live:
`documents.yml`, `register.yml`, `places.yml`, `corrections.yml`, `redactions.yml` and
`assertions.yml`. Each file's entries are checked against a schema (`schema`, pydantic), read
with their line numbers (`yaml_file`), so a mistake stops the build naming file, line and field,
and an unknown field is refused. Takes: the seeds folder. Gives: plain data (frozen pydantic
models and dataclasses)."""
