"""Helpers shared by every stage: spans of a document's text and their lines (`spans`), stable
identifiers (`identifiers`), the build's error naming file and line (`errors`), where the
project's folders are (`paths`), and how long each stage took (`timings`)."""
