"""Load test: many concurrent clients against the served dataset, for a bounded time.

    python -m scripts.tools.loadtest --db build/kashmir.db --clients 16 --seconds 30

Starts Datasette on 127.0.0.1 as `make serve` serves it, then runs CLIENTS asyncio clients for
SECONDS over a mix of requests (table pages, row pages, searches, canned queries, the document
reader, the map's data, CSV downloads) whose places, words and rows vary from request to
request, drawn from the database itself, each client cycling through the mix from its own
starting point. Writes the figures to build/loadtest.json and build/loadtest.md; exits 1 if any
request failed (a whole-table export told to retry, 429, is not a failure: it waits its turn).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sqlite3
import statistics
import string
import sys
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from urllib.parse import quote_plus

import click
import httpx

from scripts.serve.server import running_server, wait_until_warmed

# (kind, path template): what a journalist's session does, in proportion. Each {name} is filled,
# request by request, from a pool of real values of the database (`visitor_values`): every
# client asks for different places, words and rows, as visitors do, so the response cache
# answers only what many visitors share (the first pages of the tables).
REQUEST_MIX = [
    ("table page", "/kashmir/signatories"),
    ("table page", "/kashmir/organisations?kind={organisation_kind}"),
    ("table page", "/kashmir/documents"),
    ("table page", "/kashmir/letters.json?_shape=array"),
    ("table page", "/kashmir/signatories?place={place}"),
    ("table page", "/kashmir/signatories?location_status={location_status}&kind={signatory_kind}"),
    ("row page", "/kashmir/signatories/{signatory}"),
    ("row page", "/kashmir/organisations/{organisation}"),
    ("row page", "/kashmir/letters/{letter}"),
    ("row page", "/kashmir/locations/{location}"),
    ("search", "/kashmir/signatories.json?_search={word}&_shape=array"),
    ("search", "/kashmir/search_documents.json?q={word}&_shape=array"),
    ("search", "/kashmir/documents?_search={word}"),
    ("search", "/kashmir/organisations?_search={word}"),
    ("canned query", "/kashmir/letter_signatories.json?letter={letter_word}&_shape=array"),
    ("canned query", "/kashmir/stated_vs_counted"),
    ("canned query", "/kashmir/near_place.json?place={place}&_shape=array"),
    ("canned query", "/kashmir/in_several_documents.json?_shape=array"),
    ("canned query", "/kashmir/source_words?id={signatory}"),
    ("document reader", "/-/read/{document}"),
    ("map data", "/kashmir/signatory_map.json?_shape=array&_size=max"),
    ("map data", "/kashmir/signatory_map.json?_shape=array&_size=max&location_id={location}"),
    ("map data", "/kashmir/signatory_map"),
    ("csv download", "/kashmir/signatories.csv?_stream=on&_size=max"),
    ("csv download", "/kashmir/mentions.csv?_stream=on&_size=max"),
]
# Whole-table exports may be told to retry (429 with Retry-After) while others stream: waiting
# their turn is what they are promised, and the load test counts it apart from errors.
MAY_WAIT = {"csv download"}
POOL_QUERIES = {
    "organisation_kind": "select distinct kind from organisations where kind is not null",
    "signatory_kind": "select distinct kind from signatories",
    "location_status": "select distinct location_status from signatories where location_status is not null",
    "place": "select name from locations where signature_count > 0 and latitude is not null order by signature_count desc limit 300",
    "location": "select id from locations where signature_count > 0 order by signature_count desc limit 300",
    "signatory": "select id from signatories where rowid % 97 = 0 limit 500",
    "organisation": "select id from organisations where rowid % 13 = 0 limit 500",
    "letter": "select id from letters where rowid % 7 = 0 limit 300",
    "document": "select id from documents where rowid % 7 = 0 limit 300",
    "word": "select distinct substr(name, 1, instr(name || ' ', ' ') - 1) from signatories where rowid % 101 = 0 limit 300",
    "letter_word": "select distinct substr(title, 1, instr(title || ' ', ' ') - 1) from letters where rowid % 5 = 0 limit 100",
}


def visitor_values(db: Path) -> dict[str, list[str]]:
    """Pools of real values to fill the mix's templates with, read once from the database."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        pools = {name: [str(row[0]) for row in connection.execute(sql) if row[0]] for name, sql in POOL_QUERIES.items()}
    empty = [name for name, values in pools.items() if not values]
    if empty:
        raise click.ClickException(f"{db}: no values for {', '.join(empty)}; is it a built database?")
    return pools


def visit(template: str, pools: dict[str, list[str]], chance: random.Random) -> str:
    """The template with a value drawn for each of its own {names}."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return template.format_map({name: quote_plus(chance.choice(pools[name])) for name in names})


async def client(base: str, offset: int, stop_at: float, pools: dict[str, list[str]], results: list) -> None:
    chance = random.Random(offset)  # each client its own, repeatable, sequence of values
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        index = offset
        while time.monotonic() < stop_at:
            kind, template = REQUEST_MIX[index % len(REQUEST_MIX)]
            index += 1
            started = time.monotonic()
            path = visit(template, pools, chance)
            try:
                async with http.stream("GET", path) as response:
                    status = response.status_code
                    async for _ in response.aiter_raw():
                        if time.monotonic() > stop_at:
                            break  # a download still running when the run ends is cut there
                outcome = "ok" if status == 200 else "waits" if status == 429 and kind in MAY_WAIT else "error"
            except httpx.HTTPError as error:
                outcome, status = "error", type(error).__name__
            results.append((kind, time.monotonic() - started, outcome, status, path))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(results: list, seconds: float, clients: int) -> dict:
    def figures(rows):
        latencies = [row[1] * 1000 for row in rows]
        return {
            "requests": len(rows),
            "errors": sum(1 for row in rows if row[2] == "error"),
            "told_to_retry": sum(1 for row in rows if row[2] == "waits"),
            "median_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "max_ms": round(max(latencies), 1),
        }

    by_kind = defaultdict(list)
    for row in results:
        by_kind[row[0]].append(row)
    overall = figures(results)
    overall["requests_per_second"] = round(len(results) / seconds, 1)
    interactive = figures([row for row in results if row[0] not in MAY_WAIT])
    errors = sorted({str(row[3]) for row in results if row[2] == "error"})
    slowest = sorted((row for row in results if row[0] not in MAY_WAIT), key=lambda row: -row[1])[:10]
    return {
        "clients": clients, "seconds": round(seconds, 1), "overall": overall, "interactive": interactive,
        "by_kind": {k: figures(v) for k, v in sorted(by_kind.items())}, "error_statuses": errors,
        "errors": [{"status": row[3], "path": row[4]} for row in results if row[2] == "error"][:20],
        "slowest": [{"ms": round(row[1] * 1000), "status": row[3], "path": row[4]} for row in slowest],
    }


def markdown(summary: dict) -> str:
    lines = [
        f"# Load test: {summary['clients']} clients for {summary['seconds']} s on 127.0.0.1",
        "",
        f"{summary['overall']['requests']} requests, {summary['overall']['requests_per_second']} per second, "
        f"{summary['overall']['errors']} errors, {summary['overall']['told_to_retry']} whole-table exports told to retry.",
        f"Interactive pages (everything but whole-table exports): median {summary['interactive']['median_ms']} ms, "
        f"p95 {summary['interactive']['p95_ms']} ms.",
        "",
        "| requests | count | errors | told to retry | median ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, row in [("all", summary["overall"]), ("interactive", summary["interactive"]), *summary["by_kind"].items()]:
        lines.append(
            f"| {kind} | {row['requests']} | {row['errors']} | {row['told_to_retry']} | {row['median_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |"
        )
    lines += ["", "The slowest interactive requests:", "", "| ms | status | request |", "| ---: | --- | --- |"]
    lines += [f"| {row['ms']} | {row['status']} | `{row['path']}` |" for row in summary["slowest"]]
    if summary["errors"]:
        lines += ["", "Errors (the first 20):", "", "| status | request |", "| --- | --- |"]
        lines += [f"| {row['status']} | `{row['path']}` |" for row in summary["errors"]]
    return "\n".join(lines) + "\n"


async def run(base: str, clients: int, seconds: float, pools: dict[str, list[str]]) -> dict:
    results: list = []
    started = time.monotonic()
    await asyncio.gather(*(client(base, n, started + seconds, pools, results) for n in range(clients)))
    return summarise(results, time.monotonic() - started, clients)


@click.command(help="Many concurrent clients against the served dataset, for a bounded time.")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True), default="build/kashmir.db", show_default=True, help="the built database")
@click.option("--inspect", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="its inspect file (counts computed once)")
@click.option("--clients", type=click.IntRange(min=1), default=16, show_default=True)
@click.option("--seconds", type=click.FloatRange(min=0, min_open=True), default=30, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default="build/loadtest", show_default=True, help="figures go to OUT.json and OUT.md")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the cores, as make serve")
def main(db: Path, inspect: Path | None, clients: int, seconds: float, out: Path, workers: int) -> None:
    pools = visitor_values(db)
    with running_server(db, inspect, workers=workers) as base:
        wait_until_warmed(base, workers)
        summary = asyncio.run(run(base, clients, seconds, pools))
    out.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(summary), encoding="utf-8")
    click.echo(markdown(summary))
    if summary["overall"]["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
