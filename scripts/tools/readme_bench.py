"""The README's benchmark figures, regenerated from `build/bench.md` (made by `make bench`).

    python -m scripts.tools.readme_bench [--bench build/bench.md] [--readme README.md]

Replaces what lies between the README's two markers with the report's tables (its headings one
level down, under "Performance at scale"), the command that made them and the date of the
report, so the README never quotes figures no run produced. `make bench` runs it last.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import click

from scripts.common.paths import BUILD_DIR, REPO

START = "<!-- figures from build/bench.md: `make bench` rewrites what follows, up to the end marker -->"
END = "<!-- end of the figures from build/bench.md -->"


def section(bench_markdown: str, made_on: datetime.date) -> str:
    """The report as a README section: without its title, headings one level down, dated."""
    lines = bench_markdown.strip().splitlines()
    if not lines or not lines[0].startswith("# "):
        raise click.ClickException("the benchmark report does not start with its title (# …): is it build/bench.md?")
    body = [re.sub(r"^(#+) ", r"\1# ", line) for line in lines[1:]]
    return "\n".join([START, "", f"Measured on {made_on:%d %B %Y}.", *body, "", END])


def splice(readme_text: str, new_section: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if len(pattern.findall(readme_text)) != 1:
        raise click.ClickException("README.md must hold the benchmark figures' start and end markers once each")
    return pattern.sub(lambda _: new_section, readme_text)


@click.command(help="Rewrite the README's benchmark figures from build/bench.md.")
@click.option("--bench", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=BUILD_DIR / "bench.md", show_default=True)
@click.option("--readme", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=REPO / "README.md", show_default=True)
def main(bench: Path, readme: Path) -> None:
    made_on = datetime.date.fromtimestamp(bench.stat().st_mtime)
    text = readme.read_text(encoding="utf-8")
    readme.write_text(splice(text, section(bench.read_text(encoding="utf-8"), made_on)), encoding="utf-8")
    click.echo(f"{readme}: benchmark figures of {made_on:%d %B %Y} from {bench}")


if __name__ == "__main__":
    main()
