"""Bad curated input, one function each: the build must name file, item and key, never crash.

Each case edits a copy of the project (curated YAML, texts, schema sources) and returns the
exact set of ``(file, item, key)`` the build's error lines must name; ``text`` is a piece of
the message that must appear too (the byte offset of an encoding error, the text as written
of a YAML 1.1 value). ``test_curated_corpus.py`` runs the real build on the copy and asserts
the set, the text, exit status 1, no traceback, nothing of a file outside the project shown,
and every published file unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

Where = set[tuple[str, int | None, str | None]]

MASSIS = "data/curated/sources/massis_post_2023_12_27_azerbaijan_expels.yaml"
RECALL = "data/curated/sources/armenian_report_france_recalls_ambassador.yaml"
AR_EXP = "data/curated/sources/armenian_report_azerbaijan_expels_diplomats.yaml"
EVENTS = "data/curated/events.yaml"
PLACES = "data/curated/places.yaml"
PACKAGE = "data/curated/package.yaml"
RETRACTIONS = "data/curated/retractions.yaml"
TERMS = "data/curated/contested_terms.yaml"
LE_MONDE = "le_monde_2023_12_tensions_rise"
SECRET = "SECRET"

TRACEBACK = "tracebacks instead of messages"
YAML11 = "YAML 1.1 surprises"
INJECTION = "stored script injection"
OUTSIDE = "reading outside the package"


@dataclass(frozen=True)
class CuratedCase:
    name: str
    apply: Callable[[Path], Where]
    kind: str
    text: str = ""


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def item_of(project: Path, rel: str, key: str, value: str, under: str | None = None) -> int:
    """The 1-based item number of the entry whose ``key`` is ``value``."""
    doc = yaml.safe_load((project / rel).read_text(encoding="utf-8"))
    items = doc[under] if under else doc
    return next(i for i, item in enumerate(items, start=1) if item.get(key) == value)


def outside(project: Path, name: str, text: str = f"{SECRET}: line\n") -> Path:
    path = project.parent / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def replace_with_symlink(project: Path, rel: str, target: Path) -> None:
    (project / rel).unlink()
    (project / rel).symlink_to(target)


def claim_edit(rel: str, claim: str, old: str, new: str, key: str, kind: str, text: str = ""):
    def apply(p: Path) -> Where:
        n = item_of(p, rel, "claim_id", claim, "claims")
        edit(p, rel, old, new)
        return {(rel, n, key)}

    return CuratedCase(f"{key}: {new.strip()[:50]!r}", apply, kind, text)


def event_edit(event: str, old: str, new: str, key: str, kind: str, text: str = ""):
    def apply(p: Path) -> Where:
        n = item_of(p, EVENTS, "event_id", event)
        start = (p / EVENTS).read_text(encoding="utf-8").index(f"- event_id: {event}\n")
        path = p / EVENTS
        body = path.read_text(encoding="utf-8")
        at = body.index(old, start)
        path.write_text(body[:at] + new + body[at + len(old) :], encoding="utf-8")
        return {(EVENTS, n, key)}

    return CuratedCase(f"{key}: {new.strip()[:50]!r} in an event", apply, kind, text)


def whole_file(rel: str, where: Where, kind: str, name: str, text: str, change) -> CuratedCase:
    def apply(p: Path) -> Where:
        change(p / rel)
        return where

    return CuratedCase(name, apply, kind, text)


def package_edit(old: str, new: str, key: str, kind: str, text: str = "") -> CuratedCase:
    def apply(p: Path) -> Where:
        edit(p, PACKAGE, old, new)
        return {(PACKAGE, None, key)}

    return CuratedCase(f"package {key}: {new.strip()[:40]!r}", apply, kind, text)


OFFENSIVE = "azerbaijan_offensive_2023_09_19"
BIRTHDAY = "putin_birthday_letter_to_aliyev_2023_12_24"
CEASEFIRE = "ceasefire_2023_09_20"
ANNOUNCES = "massis_azerbaijan_announces_expulsion"
SUMMONED = "massis_mfa_summoned_boillon"

# --- tracebacks instead of messages ------------------------------------------------------------
TRACEBACK_CASES = [
    claim_edit(
        MASSIS,
        ANNOUNCES,
        "    quote: Azerbaijan announced the expulsion of two French diplomats on Tuesday",
        "    quote: 123",
        "quote",
        TRACEBACK,
        "expected text, got the integer 123",
    ),
    claim_edit(
        MASSIS,
        SUMMONED,
        "    claim_date: 2023-12-26",
        "    claim_date: 2023-02-30",
        "claim_date",
        TRACEBACK,
        "'2023-02-30' is not a valid date: day is out of range for month",
    ),
    claim_edit(
        MASSIS,
        ANNOUNCES,
        "    summary: Azerbaijan announced on Tuesday 26 December 2023 that two French diplomats were expelled.",
        "    summary: [Azerbaijan announced, two French diplomats expelled]",
        "summary",
        TRACEBACK,
        "expected text, got a list",
    ),
    claim_edit(
        MASSIS,
        ANNOUNCES,
        "    summary: Azerbaijan announced on Tuesday 26 December 2023 that two French diplomats were expelled.",
        "    summary: {who: Azerbaijan}",
        "summary",
        TRACEBACK,
        "expected text, got a mapping",
    ),
    claim_edit(
        MASSIS,
        ANNOUNCES,
        "    summary: Azerbaijan announced on Tuesday 26 December 2023 that two French diplomats were expelled.",
        "    summary: " + "Azerbaijan announced it. " * 800,
        "summary",
        TRACEBACK,
        "characters long; the package definition allows 10000",
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "line 4")},
        TRACEBACK,
        "invalid UTF-8 in a YAML file",
        "not UTF-8 at byte 134",
        lambda path: path.write_bytes(
            path.read_bytes().replace(b"Azerbaijan Expels", b"Azerbaijan \xff\xfeExpels", 1)
        ),
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "line 31")},
        TRACEBACK,
        "a YAML file cut in the middle of a flow mapping",
        "broken YAML",
        lambda path: path.write_bytes(
            path.read_bytes()[: path.read_bytes().index(b"kind: dateline")]
        ),
    ),
    whole_file(
        PACKAGE,
        {(PACKAGE, None, "package")},
        TRACEBACK,
        "an empty package.yaml",
        "expected a mapping, got nothing",
        lambda path: path.write_text("# nothing here\n", encoding="utf-8"),
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "claims")},
        TRACEBACK,
        "claims given as text",
        "expected a list of claims, got",
        lambda path: path.write_text(
            path.read_text(encoding="utf-8").split("\nclaims:\n")[0] + "\nclaims: none yet\n",
            encoding="utf-8",
        ),
    ),
    event_edit(
        BIRTHDAY,
        "anchor_date: 2023-12-26\n",
        'anchor_date: "26 December"\n',
        "anchor_date",
        TRACEBACK,
        "expected a date (YYYY-MM-DD), got the text '26 December'",
    ),
    claim_edit(
        AR_EXP,
        "ar_exp_mfa_announced_expulsion",
        "        anchor_date: 2023-12-27\n",
        "        anchor_date: 2023-12-32\n",
        "date_readings.1.anchor_date",
        TRACEBACK,
        "is not a valid date",
    ),
    event_edit(
        OFFENSIVE,
        "actors: {initiator: azerbaijan,",
        "actors: {initiator: {name: azerbaijan},",
        "actors.initiator",
        TRACEBACK,
        "expected an id or a list of ids, got a mapping",
    ),
    event_edit(
        CEASEFIRE,
        "    - {relation: follows_from, event: azerbaijan_offensive_2023_09_19}",
        "    - {relation: follows_from, event: 20230919}",
        "relations.event",
        TRACEBACK,
        "expected text, got the integer 20230919",
    ),
    whole_file(
        RETRACTIONS,
        {(RETRACTIONS, 1, "id"), (RETRACTIONS, 1, "date")},
        TRACEBACK,
        "a retraction with an integer id and an impossible date",
        "expected text, got the integer 42",
        lambda path: path.write_text(
            "- {table: claims, id: 42, date: 2026-02-30, reason: test}\n", encoding="utf-8"
        ),
    ),
    whole_file(
        PLACES,
        {(PLACES, 1, "latitude")},
        TRACEBACK,
        "a latitude in quotes",
        "expected a number, got the text '40.3777'",
        lambda path: path.write_text(
            path.read_text(encoding="utf-8").replace("latitude: 40.3777", 'latitude: "40.3777"'),
            encoding="utf-8",
        ),
    ),
    claim_edit(
        RECALL,
        "ar_rec_headline",
        "    occurrence: 1\n",
        '    occurrence: "1"\n',
        "occurrence",
        TRACEBACK,
        "expected a whole number from 1",
    ),
]


def _alias_bomb(path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    bomb += "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    path.write_text(bomb, encoding="utf-8")


# --- YAML 1.1 surprises ------------------------------------------------------------------------
YAML11_CASES = [
    event_edit(
        CEASEFIRE,
        'cameo_code: "0871"',
        "cameo_code: 0111",
        "cameo_code",
        YAML11,
        "'0111', which YAML reads as the integer 73; put it in quotes",
    ),
    event_edit(
        CEASEFIRE,
        'cameo_code: "0871"',
        "cameo_code: 0x1F",
        "cameo_code",
        YAML11,
        "'0x1F', which YAML reads as the integer 31",
    ),
    event_edit(
        CEASEFIRE,
        'cameo_code: "0871"',
        "cameo_code: 1:20",
        "cameo_code",
        YAML11,
        "'1:20', which YAML reads as the integer 80",
    ),
    event_edit(
        CEASEFIRE,
        "title: Ceasefire in Nagorno-Karabakh",
        "title: yes",
        "title",
        YAML11,
        "'yes', which YAML reads as the boolean true",
    ),
    claim_edit(
        RECALL,
        "ar_rec_headline",
        "    occurrence: 1\n",
        "    occurrence: true\n",
        "occurrence",
        YAML11,
        "'true', which YAML reads as the boolean true",
    ),
    claim_edit(
        MASSIS,
        ANNOUNCES,
        "    date_expression: on Tuesday",
        "    date_expression: 2023-12-26",
        "date_expression",
        YAML11,
        "expected text, got the date 2023-12-26; put it in quotes",
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "source.language")},
        YAML11,
        "language: no (the Norway problem)",
        "'no', which YAML reads as the boolean false",
        lambda path: edit(path.parents[3], MASSIS, "  language: en", "  language: no"),
    ),
    whole_file(
        PLACES,
        {(PLACES, 1, "latitude")},
        YAML11,
        "a latitude of .inf",
        "expected a number, got '.inf', which YAML reads as the number inf",
        lambda path: edit(path.parents[2], PLACES, "latitude: 40.3777", "latitude: .inf"),
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "line 1")},
        YAML11,
        "an alias bomb",
        "anchors and aliases are not allowed",
        _alias_bomb,
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "line 3")},
        YAML11,
        "a merge key",
        "merge keys (<<) are not allowed",
        lambda path: path.write_text(
            path.read_text(encoding="utf-8").replace(
                "source:\n", "source:\n  <<: {genre: analysis}\n", 1
            ),
            encoding="utf-8",
        ),
    ),
    whole_file(
        MASSIS,
        {(MASSIS, None, "line 1")},
        YAML11,
        "nesting ten thousand deep",
        "exceeded maximum nesting depth",
        lambda path: path.write_text("x: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8"),
    ),
]

# --- stored script injection, build side -------------------------------------------------------
INJECTION_CASES = [
    package_edit(
        "description: >-\n",
        "description: >-\n  <img src=x onerror=alert(document.domain)>\n",
        "description",
        INJECTION,
        "[markup] holds markup",
    ),
    package_edit(
        "keywords:",
        "homepage: javascript:alert(1)\nkeywords:",
        "homepage",
        INJECTION,
        "[unsafe-link] 'javascript:alert(1)' is not an http(s) address",
    ),
    package_edit(
        "    roles: [creator]",
        "    roles: [creator]\n    path: javascript:alert(1)",
        "contributors[1].path",
        INJECTION,
        "[unsafe-link]",
    ),
    package_edit(
        "title: fr-az-crisis contributors",
        "title: fr-az-crisis \u202econtributors",
        "contributors[1].title",
        INJECTION,
        "[invisible] holds invisible characters U+202E",
    ),
    package_edit(
        "keywords: [",
        "keywords: 'France, Azerbaijan' # [",
        "keywords",
        INJECTION,
        "expected a list, got a string",
    ),
    CuratedCase(
        "a javascript: source url",
        lambda p: (
            edit(
                p, MASSIS, "url: https://massispost.com", "url: javascript:alert(1)//massispost.com"
            ),
            {(MASSIS, None, "source.url")},
        )[1],
        INJECTION,
        "[pattern] 'javascript:alert(1)",
    ),
    CuratedCase(
        "an archived text no source file names",
        lambda p: (
            (p / "data/sources/evil.txt").write_text("<script>x</script>\n", encoding="utf-8"),
            {("data/sources/evil.txt", None, None)},
        )[1],
        INJECTION,
        "[text-unexpected] no sources row names this file",
    ),
]


# --- reading outside the package, build side -----------------------------------------------------
def _symlinked(rel: str, name: str) -> Callable[[Path], Where]:
    def apply(p: Path) -> Where:
        replace_with_symlink(p, rel, outside(p, name))
        return {(rel, None, None)}

    return apply


def _fifo_curated(p: Path) -> Where:
    (p / MASSIS).unlink()
    os.mkfifo(p / MASSIS)
    return {(MASSIS, None, None)}


def _texts_folder(p: Path) -> Where:
    folder = p / "data" / "sources"
    target = p.parent / "outside" / "texts"
    target.parent.mkdir(exist_ok=True)
    folder.rename(target)
    folder.symlink_to(target)
    curated = (p / MASSIS).parent.glob("*.yaml")  # every source's text path leaves now,
    # and so does the folder package.yaml names as the sources' path
    texts = {(f"data/sources/{c.stem}.txt", None, None) for c in curated}
    return {("data/sources", None, None), (PACKAGE, None, "sources[1].path")} | texts


OUTSIDE_CASES = [
    CuratedCase(
        "an archived text symlinked out",
        _symlinked(f"data/sources/{LE_MONDE}.txt", "secret.txt"),
        OUTSIDE,
        "resolves outside the package; it is not read",
    ),
    CuratedCase(
        "a curated source file symlinked out",
        _symlinked(MASSIS, "secret.yaml"),
        OUTSIDE,
        "resolves outside the package; it is not read",
    ),
    CuratedCase(
        "a schema source symlinked out",
        _symlinked("schemas/tables/places.json", "secret.json"),
        OUTSIDE,
        "resolves outside the package; it is not read",
    ),
    CuratedCase(
        "the contested terms symlinked out",
        _symlinked(TERMS, "terms.yaml"),
        OUTSIDE,
        "resolves outside the package; it is not read",
    ),
    CuratedCase(
        "a published table symlinked out",
        _symlinked("data/claims.csv", "secret.csv"),
        OUTSIDE,
        "resolves outside the package; it is not read",
    ),
    CuratedCase("the texts folder symlinked out", _texts_folder, OUTSIDE, "it is not read"),
    CuratedCase(
        "a FIFO for a curated file", _fifo_curated, OUTSIDE, "is not a regular file; it is not read"
    ),
]

CURATED_CASES: list[CuratedCase] = [
    *TRACEBACK_CASES,
    *YAML11_CASES,
    *INJECTION_CASES,
    *OUTSIDE_CASES,
]
