"""Load test: many concurrent clients against the served dataset, for a bounded time.

    python -m scripts.tools.loadtest --db build/kashmir.db --clients 16 --seconds 30

Starts Datasette on 127.0.0.1 as `make serve` serves it, then runs CLIENTS asyncio clients for
SECONDS over a fixed mix of requests (table pages, searches, canned queries, the map's data,
CSV downloads), each client cycling through the mix from its own starting point. Writes the
figures to build/loadtest.json and build/loadtest.md; exits 1 if any request failed.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import click
import httpx

from scripts.serve.server import running_server

# (kind, path): what a journalist's session does, in proportion.
REQUEST_MIX = [
    ("table page", "/kashmir/signatories"),
    ("table page", "/kashmir/organisations?kind=mosque+or+Islamic+centre"),
    ("table page", "/kashmir/documents"),
    ("table page", "/kashmir/letters.json?_shape=array"),
    ("search", "/kashmir/signatories.json?_search=Redbridge&_shape=array"),
    ("search", "/kashmir/search_documents.json?q=mosques&_shape=array"),
    ("search", "/kashmir/documents?_search=Kashmir"),
    ("canned query", "/kashmir/letter_signatories.json?letter=mosques&_shape=array"),
    ("canned query", "/kashmir/stated_vs_counted"),
    ("canned query", "/kashmir/near_place.json?place=Newham&_shape=array"),
    ("canned query", "/kashmir/in_several_documents.json?_shape=array"),
    ("map data", "/kashmir/signatory_map.json?_shape=array&_size=max"),
    ("map data", "/kashmir/signatory_map"),
    ("csv download", "/kashmir/signatories.csv?_stream=on&_size=max"),
    ("csv download", "/kashmir/mentions.csv?_stream=on&_size=max"),
]


async def client(base: str, offset: int, stop_at: float, results: list) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        index = offset
        while time.monotonic() < stop_at:
            kind, path = REQUEST_MIX[index % len(REQUEST_MIX)]
            index += 1
            started = time.monotonic()
            try:
                response = await http.get(path)
                await response.aread()
                ok = response.status_code == 200
                status = response.status_code
            except httpx.HTTPError as error:
                ok, status = False, type(error).__name__
            results.append((kind, time.monotonic() - started, ok, status))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(results: list, seconds: float, clients: int) -> dict:
    def figures(rows):
        latencies = [latency * 1000 for _, latency, _, _ in rows]
        return {
            "requests": len(rows),
            "errors": sum(1 for row in rows if not row[2]),
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
    errors = sorted({str(row[3]) for row in results if not row[2]})
    return {"clients": clients, "seconds": round(seconds, 1), "overall": overall, "by_kind": {k: figures(v) for k, v in sorted(by_kind.items())}, "error_statuses": errors}


def markdown(summary: dict) -> str:
    lines = [
        f"# Load test: {summary['clients']} clients for {summary['seconds']} s on 127.0.0.1",
        "",
        f"{summary['overall']['requests']} requests, {summary['overall']['requests_per_second']} per second, "
        f"{summary['overall']['errors']} errors.",
        "",
        "| requests | count | errors | median ms | p95 ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, row in [("all", summary["overall"]), *summary["by_kind"].items()]:
        lines.append(f"| {kind} | {row['requests']} | {row['errors']} | {row['median_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |")
    return "\n".join(lines) + "\n"


async def run(base: str, clients: int, seconds: float) -> dict:
    results: list = []
    started = time.monotonic()
    await asyncio.gather(*(client(base, n, started + seconds, results) for n in range(clients)))
    return summarise(results, time.monotonic() - started, clients)


@click.command(help="Many concurrent clients against the served dataset, for a bounded time.")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True), default="build/kashmir.db", show_default=True, help="the built database")
@click.option("--inspect", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="its inspect file (counts computed once)")
@click.option("--clients", type=click.IntRange(min=1), default=16, show_default=True)
@click.option("--seconds", type=click.FloatRange(min=0, min_open=True), default=30, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default="build/loadtest", show_default=True, help="figures go to OUT.json and OUT.md")
def main(db: Path, inspect: Path | None, clients: int, seconds: float, out: Path) -> None:
    with running_server(db, inspect) as base:
        summary = asyncio.run(run(base, clients, seconds))
    out.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(summary), encoding="utf-8")
    click.echo(markdown(summary))
    if summary["overall"]["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
