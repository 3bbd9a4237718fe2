"""Datasette plugin: what search engines may index, in line with the privacy of named people.

The documents were published by their authors and the organisations act in public, so search
engines may index the documents, letters, organisations, places and the about page. Rows about
individual people are another matter: the signatories, people, mentions, provenance and map
tables name private individuals (councillors, imams, activists), and `seeds/redactions.yml`
exists because some of them may ask not to be found. So /robots.txt asks crawlers to stay out of
those tables, of the canned queries that list them, of the search and the document reader
(which show the same names), of arbitrary SQL and of
every JSON and CSV answer; and every answer under those paths carries `X-Robots-Tag: noindex`
for crawlers that ignore robots.txt. People can still be found by anyone using the dataset.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import Response

DATABASE = "kashmir"
PERSONAL_TABLES = ("signatories", "people", "mentions", "provenance", "signatory_map", "places_to_review", "changes")
# Canned queries whose answers list signatories or people by name (each opens on an example).
PERSONAL_QUERIES = ("letter_signatories", "near_place", "near_point", "source_words", "in_several_documents")
NOINDEX = (b"x-robots-tag", b"noindex, nofollow")


def personal_prefixes(datasette) -> list[str]:
    # By path, not datasette.urls.table: the wrapper must work whatever databases are served.
    named = PERSONAL_TABLES + PERSONAL_QUERIES
    return [datasette.urls.path(f"/{DATABASE}/{name}") for name in named] + [datasette.urls.path("/-/read/"), datasette.urls.path("/-/search")]


def robots_txt(datasette) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in personal_prefixes(datasette)]
    lines += [
        f"Disallow: {datasette.urls.path('/-/')}",  # Datasette's own pages, the reader, search, tiles
        "Disallow: /*?*sql=",  # arbitrary SQL
        "Disallow: /*.json",
        "Disallow: /*.csv",
    ]
    return "\n".join(lines) + "\n"


async def robots(datasette):
    return Response.text(robots_txt(datasette), headers={"cache-control": "max-age=3600"})


@hookimpl
def register_routes():
    return [(r"^/robots\.txt$", robots)]


def noindex(datasette, path: str, query: bytes) -> bool:
    if any(path.startswith(prefix) for prefix in personal_prefixes(datasette)):
        return True
    return path.endswith((".json", ".csv")) or b"sql=" in query


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def tagged(scope, receive, send):
            if scope["type"] != "http" or not noindex(datasette, scope["path"], scope.get("query_string", b"")):
                await app(scope, receive, send)
                return

            async def with_tag(message):
                if message["type"] == "http.response.start":
                    message = {**message, "headers": [*message.get("headers", []), NOINDEX]}
                await send(message)

            await app(scope, receive, with_tag)

        return tagged

    return wrap
