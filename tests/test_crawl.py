"""A crawl from ``/`` of the internal links of the published site: none answers 400 or more,
and no link uses a scheme other than http(s).

Every link with a distinct path is followed (every row page, table, view, query and plugin
page, and their .json and .csv forms), and every link whose query has one parameter (each
facet value, sort order, next page, search, ``?claim=``). Links with several parameters are
combinations of those (a sort on a filtered page, a facet value on a search, each adding to
the last): the first ``COMBINATIONS`` such links on each path are followed, the rest counted
(following them all is a walk through every combination of filters, tens of thousands of
pages for a hundred claims). Against the real Datasette, through its internal client.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from datasette_helpers import db_copy, links_of, make_datasette

from fr_az_crisis.sqlite_db import build_database

BASE = "http://localhost"
COMBINATIONS = 3
CONCURRENCY = 4
errors: dict[str, str] = {}
"""The end of each page that answered 500 or more, to say why in a failure."""


def internal(base: str, page: str, link: str) -> str | None:
    """The site path a link leads to, or None for an outside address."""
    absolute = urldefrag(urljoin(base + page, link))[0]
    if not absolute.startswith(base + "/"):
        return None
    return absolute[len(base) :]


def crawl(
    ds, start: str = "/", depth: int | None = None
) -> tuple[dict[str, int], list[str], Counter]:
    statuses: dict[str, int] = {}
    errors.clear()
    schemes: list[str] = []
    combinations: Counter = Counter()
    skipped: Counter = Counter()

    def admit(path: str) -> bool:
        parts = urlsplit(path)
        keys = tuple(sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True)))
        if len(keys) <= 1:
            return True
        combinations[parts.path] += 1
        if combinations[parts.path] > COMBINATIONS:
            skipped[keys] += 1
            return False
        return True

    async def run() -> None:
        await ds.invoke_startup()
        queue: list[str] = [start]
        queued = {start}
        level = 0
        limit = asyncio.Semaphore(CONCURRENCY)

        async def visit(path: str) -> list[str]:
            async with limit:
                response = await ds.client.get(path)
            statuses[path] = response.status_code
            if response.status_code >= 500:
                errors[path] = response.text[-2000:]
            if "text/html" not in response.headers.get("content-type", ""):
                return []
            found = []
            for link in links_of(response.text):
                scheme = urlsplit(link).scheme.lower()
                if scheme not in ("", "http", "https"):
                    schemes.append(f"{path}: {link}")
                    continue
                target = internal(BASE, path, link)
                if target and target not in queued and admit(target):
                    queued.add(target)
                    found.append(target)
            return found

        while queue:
            batch, queue = queue, []
            for found in await asyncio.gather(*(visit(p) for p in batch)):
                queue.extend(found)
            level += 1
            if depth is not None and level > depth:
                break

    asyncio.run(run())
    return statuses, schemes, skipped


@pytest.fixture(scope="module")
def crawled(db: Path):
    return crawl(make_datasette(db))


def test_no_internal_link_leads_to_an_error(crawled) -> None:
    statuses, _, skipped = crawled
    failing = sorted((status, path) for path, status in statuses.items() if status >= 400)
    assert not failing, (failing[:20], errors)
    print(f"\ncrawled {len(statuses)} pages; combinations left out: {sum(skipped.values())}")
    assert len(statuses) > 1000  # the crawl reached the row pages, not only the home page


def test_every_link_is_http_or_relative(crawled) -> None:
    _, schemes, _ = crawled
    assert not schemes, schemes[:20]


def test_the_crawl_reached_every_kind_of_page(crawled) -> None:
    statuses, _, _ = crawled
    for path in (
        "/-/timeline",
        "/-/disagreements",
        "/-/accusations",
        "/-/about",
        "/-/sources/le_monde_2023_12_tensions_rise",
        "/fr_az_crisis/claims/lemonde_france_refutes_allegations",
        "/fr_az_crisis/search_quotes",
        "/fr_az_crisis/evidence_for_event",
        "/fr_az_crisis/claims_by_claimant",
        "/fr_az_crisis/coverage_by_source",
    ):
        assert path in statuses, path


def test_the_crawler_sees_a_broken_link(tmp_path: Path) -> None:
    """The crawl can fail: a claim whose claimant is missing links to a page that is not."""
    db = build_database(tmp_path / "built" / "fr_az_crisis.db")
    broken = db_copy(
        db,
        tmp_path / "broken" / "fr_az_crisis.db",
        (
            "update claims set claimant_actor_id = 'ghost_actor' where claim_id = 'lemonde_48_hours'",
            (),
        ),
    )
    statuses, _, _ = crawl(make_datasette(broken), "/fr_az_crisis/claims/lemonde_48_hours", depth=1)
    assert statuses["/fr_az_crisis/actors/ghost_actor"] == 404
    assert internal(BASE, "/a/b", "c") == "/a/c"
    assert internal(BASE, "/a/b", "https://example.org/x") is None
