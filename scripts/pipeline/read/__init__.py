"""Read stage. Takes: the seeds folder. Gives: a `Document` per file, sorted by id, with its
text exactly as decoded (withheld names replaced), its curated metadata and its sha256."""
