"""Not part of the build: the benchmark corpus generator (`generate_corpus`), the benchmarks
(`bench`, `make bench`), the load test (`loadtest`, `make loadtest`) and the hardening
measurements (`hardening_bench`, `make hardening`); and how tests and benchmarks start
Chromium (`chromium`)."""
