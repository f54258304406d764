"""Ways to break a copy of the published package, one function each (the corruption corpus).

Each case rewrites files in a package copy and names where validation must point. Unless the
case is about the descriptor itself, the copy's datapackage.json hashes are refreshed after the
edit, so that the checks are judged on content and not only on a changed hash.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def set_cell(package: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is ``key``; returns that row's CSV line."""
    path = package / "data" / f"{table}.csv"
    rows = read_rows(path)
    col = rows[0].index(column)
    for i, row in enumerate(rows):
        if row[0] == key:
            row[col] = value
            write_rows(path, rows)
            return i + 1
    raise KeyError(key)


def get_cell(package: Path, table: str, key: str, column: str) -> str:
    rows = read_rows(package / "data" / f"{table}.csv")
    col = rows[0].index(column)
    return next(r[col] for r in rows if r[0] == key)


def rehash(package: Path) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        data = (package / res["path"]).read_bytes()
        res["bytes"] = len(data)
        res["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    field: str | None
    check: str
    frictionless_catches: bool
    apply: Callable[[Path], int | None]  # returns the expected row, or None for file-level
    refresh_hashes: bool = True


CLAIM = "massis_staff_ordered_to_leave"
EVENT = "france_expels_azerbaijani_diplomats_2023_12_27"


def _duplicate_actor(p: Path) -> int:
    path = p / "data" / "actors.csv"
    rows = read_rows(path)
    rows.insert(2, rows[1])
    write_rows(path, rows)
    return 3


def _shift_quote(p: Path) -> int:
    start = int(get_cell(p, "claims", CLAIM, "char_start"))
    set_cell(p, "claims", CLAIM, "char_start", str(start + 1))
    return set_cell(
        p, "claims", CLAIM, "char_end", str(int(get_cell(p, "claims", CLAIM, "char_end")) + 1)
    )


def _edit_text(p: Path) -> None:
    path = p / "data" / "sources" / "massis_post_2023_12_27_azerbaijan_expels.txt"
    path.write_bytes(path.read_bytes().replace(b"Tuesday", b"Monday", 1))


def _offsets_out_of_range(p: Path) -> int:
    set_cell(p, "claims", CLAIM, "char_start", "5000")
    return set_cell(p, "claims", CLAIM, "char_end", "5070")


def _end_before_start(p: Path) -> int:
    end = get_cell(p, "claims", CLAIM, "char_end")
    start = get_cell(p, "claims", CLAIM, "char_start")
    set_cell(p, "claims", CLAIM, "char_start", end)
    return set_cell(p, "claims", CLAIM, "char_end", start)


def _inverted_dates(p: Path) -> int:
    return set_cell(p, "events", EVENT, "date_end", "2023-12-20")


def _claim_after_source(p: Path) -> int:
    return set_cell(p, "claims", CLAIM, "claim_date", "2024-01-15")


def _non_nfc(p: Path) -> int:
    decomposed = unicodedata.normalize("NFD", "Précision")
    return set_cell(p, "actors", "pgm_precision", "name", f"PGM {decomposed}")


def _bom(p: Path) -> None:
    path = p / "data" / "places.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _crlf(p: Path) -> None:
    path = p / "data" / "places.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _truncate(p: Path) -> int:
    path = p / "data" / "event_actors.csv"
    data = path.read_bytes()
    cut = data[: len(data) - 12]
    path.write_bytes(cut)
    return cut.count(b"\n") + 1


def _drop_column(p: Path) -> int:
    path = p / "data" / "places.csv"
    write_rows(path, [r[:-1] for r in read_rows(path)])
    return 1


def _add_column(p: Path) -> int:
    path = p / "data" / "places.csv"
    rows = read_rows(path)
    write_rows(path, [[*rows[0], "population"], *([*r, "1"] for r in rows[1:])])
    return 1


def _unsource_event(p: Path) -> int:
    for claim in ("hetq_pgm_contract_signed", "ar_rec_pgm_rifles"):
        set_cell(p, "claims", claim, "claim_type", "background")
    rows = read_rows(p / "data" / "events.csv")
    return next(i + 1 for i, r in enumerate(rows) if r[0] == "armenia_buys_pgm_rifles_2024_02_23")


def _edit_without_rebuild(p: Path) -> None:
    set_cell(p, "actors", "france", "description", "The French Republic (edited).")


CASES = [
    Case(
        "wrong type",
        "data/claims.csv",
        "char_start",
        "type",
        True,
        lambda p: set_cell(p, "claims", CLAIM, "char_start", "forty"),
    ),
    Case(
        "value outside an enum",
        "data/events.csv",
        "event_type",
        "enum",
        True,
        lambda p: set_cell(p, "events", EVENT, "event_type", "invasion"),
    ),
    Case(
        "pattern mismatch",
        "data/actors.csv",
        "wikidata_id",
        "constraint",
        True,
        lambda p: set_cell(p, "actors", "france", "wikidata_id", "X142"),
    ),
    Case(
        "missing required value",
        "data/events.csv",
        "title",
        "required",
        True,
        lambda p: set_cell(p, "events", EVENT, "title", ""),
    ),
    Case("duplicate primary key", "data/actors.csv", "actor_id", "", True, _duplicate_actor),
    Case(
        "dangling foreign key",
        "data/claims.csv",
        "claimant_actor_id",
        "foreign-key",
        True,
        lambda p: set_cell(p, "claims", CLAIM, "claimant_actor_id", "nobody"),
    ),
    Case("quote off by one character", "data/claims.csv", "quote", "quote", False, _shift_quote),
    Case("archived text edited", "data/sources.csv", "sha256", "text-hash", False, _edit_text),
    Case(
        "offsets out of range",
        "data/claims.csv",
        "char_end",
        "offsets",
        False,
        _offsets_out_of_range,
    ),
    Case("end before start", "data/claims.csv", "char_end", "offsets", False, _end_before_start),
    Case("inverted dates", "data/events.csv", "date_end", "dates", False, _inverted_dates),
    Case(
        "claim dated after its source",
        "data/claims.csv",
        "claim_date",
        "dates",
        False,
        _claim_after_source,
    ),
    Case(
        "formula-leading cell",
        "data/actors.csv",
        "description",
        "formula",
        False,
        lambda p: set_cell(p, "actors", "france", "description", '=HYPERLINK("x")'),
    ),
    Case(
        "control character",
        "data/actors.csv",
        "description",
        "control",
        False,
        lambda p: set_cell(p, "actors", "france", "description", "The French\x07 Republic."),
    ),
    Case("non-NFC text", "data/actors.csv", "name", "nfc", False, _non_nfc),
    Case("byte-order mark", "data/places.csv", None, "encoding", False, _bom),
    Case("CRLF line ends", "data/places.csv", None, "line-ends", False, _crlf),
    Case("truncated CSV", "data/event_actors.csv", None, "truncated", True, _truncate),
    Case("missing column", "data/places.csv", "wikidata_id", "header", True, _drop_column),
    Case("unknown column", "data/places.csv", "population", "header", True, _add_column),
    Case(
        "quote on a citation-only claim",
        "data/claims.csv",
        "quote",
        "citation-only",
        False,
        lambda p: set_cell(p, "claims", "hetq_pgm_contract_signed", "quote", "precision rifles"),
    ),
    Case(
        "archived claim without its quote",
        "data/claims.csv",
        "quote",
        "quote",
        False,
        lambda p: set_cell(p, "claims", CLAIM, "quote", ""),
    ),
    Case(
        "citation-only source without url",
        "data/sources.csv",
        "url",
        "citation-only",
        False,
        lambda p: set_cell(p, "sources", "hetq_2024_02_23_pgm_rifles", "url", ""),
    ),
    Case(
        "event without a reporting claim",
        "data/events.csv",
        "event_id",
        "unsourced",
        False,
        _unsource_event,
    ),
    Case(
        "edited without a rebuild",
        "data/actors.csv",
        None,
        "resource-hash",
        True,
        _edit_without_rebuild,
        refresh_hashes=False,
    ),
]
