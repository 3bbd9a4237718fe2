"""The README's benchmark figures come from `build/bench.md`, spliced between two markers by
`scripts/tools/readme_bench.py` (the last step of `make bench`), never typed by hand."""

from __future__ import annotations

import datetime

import click
import pytest

from scripts.common.paths import REPO
from scripts.tools import readme_bench

REPORT = """# Benchmarks

Made by `make bench  (python -m scripts.tools.bench 100)` on a 2 cores machine.

## Build

| documents | wall s |
| ---: | ---: |
| 100 | 2.8 |
"""


def test_the_readme_holds_the_markers_once_with_a_dated_report_between_them():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert text.count(readme_bench.START) == 1 and text.count(readme_bench.END) == 1
    between = text.split(readme_bench.START)[1].split(readme_bench.END)[0]
    assert "Measured on " in between and "Made by `make bench" in between and "### Build" in between


def test_splicing_a_report_replaces_the_figures_and_nothing_else():
    readme = f"# Title\n\n## Performance at scale\n\nProse.\n\n{readme_bench.START}\nold figures\n{readme_bench.END}\n\n## Sources\n"
    new = readme_bench.splice(readme, readme_bench.section(REPORT, datetime.date(2026, 11, 30)))
    assert "old figures" not in new
    assert new.startswith("# Title\n\n## Performance at scale\n\nProse.\n\n") and new.endswith("\n\n## Sources\n")
    assert "Measured on 30 November 2026." in new and "### Build" in new and "# Benchmarks" not in new
    assert readme_bench.splice(new, readme_bench.section(REPORT, datetime.date(2026, 11, 30))) == new


def test_a_readme_without_its_markers_or_a_report_without_its_title_is_refused():
    with pytest.raises(click.ClickException, match="markers"):
        readme_bench.splice("# Title\n", readme_bench.section(REPORT, datetime.date(2026, 11, 30)))
    with pytest.raises(click.ClickException, match="title"):
        readme_bench.section("| not a report |", datetime.date(2026, 11, 30))
