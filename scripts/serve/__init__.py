"""How the database is served: Datasette's settings for the public, read-only instance
(`settings`, read by `make serve`, the publish targets and the tests) and a local server for
tests and tools (`server`)."""
