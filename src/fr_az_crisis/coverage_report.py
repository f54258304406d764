"""Coverage of the published package, without running the other checks."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.coverage import SourceCoverage, character_coverage, measure_all
from fr_az_crisis.loader import load, source_texts
from fr_az_crisis.paths import find_package_dir
from fr_az_crisis.schema_names import claims, source_furniture, sources


def read_spans_and_texts(
    package_dir: str | Path | None = None,
) -> tuple[dict[str, str], pl.DataFrame, pl.DataFrame]:
    """The archived texts by source_id, the claims and the furniture of a published package."""
    root = find_package_dir(package_dir)
    texts = source_texts(package_dir=root)
    return (
        texts,
        load(claims.TABLE, package_dir=root),
        load(source_furniture.TABLE, package_dir=root),
    )


def measure_package(package_dir: str | Path | None = None) -> list[SourceCoverage]:
    """Sentence by sentence, every text (the ``fr-az-crisis coverage`` report)."""
    return measure_all(*read_spans_and_texts(package_dir))


def measure_package_characters(package_dir: str | Path | None = None) -> pl.DataFrame:
    """Character counts per text, fast at any size (the database's ``source_coverage``)."""
    return character_coverage(*read_spans_and_texts(package_dir))


def format_coverage(results: list[SourceCoverage], *, show_uncovered: bool = True) -> str:
    lines = [f"{sources.source_id:<48} {'content':>7} {'covered':>7} {'furniture':>9} {'share':>7}"]
    for c in results:
        lines.append(
            f"{c.source_id:<48} {c.content:>7} {c.covered:>7} {c.furniture:>9} {c.share:>7.1%}"
        )
        if show_uncovered:
            for s in c.uncovered:
                lines.append(f"    uncovered {s.start}:{s.end} {s.text[:90]!r}")
    return "\n".join(lines)
