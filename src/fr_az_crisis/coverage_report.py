"""Coverage of the published package, without running the other checks."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fr_az_crisis.coverage import SourceCoverage, measure_all
from fr_az_crisis.loader import load, source_text
from fr_az_crisis.paths import find_package_dir


def measure_package(package_dir: str | Path | None = None) -> list[SourceCoverage]:
    root = find_package_dir(package_dir)
    archived = load("sources", package_dir=root).filter(pl.col("is_archived"))["source_id"]
    texts = {sid: source_text(sid, root) for sid in archived}
    return measure_all(
        texts, load("claims", package_dir=root), load("source_furniture", package_dir=root)
    )


def format_coverage(results: list[SourceCoverage], *, show_uncovered: bool = True) -> str:
    lines = [f"{'source_id':<48} {'content':>7} {'covered':>7} {'furniture':>9} {'share':>7}"]
    for c in results:
        lines.append(
            f"{c.source_id:<48} {c.content:>7} {c.covered:>7} {c.furniture:>9} {c.share:>7.1%}"
        )
        if show_uncovered:
            for s in c.uncovered:
                lines.append(f"    uncovered {s.start}:{s.end} {s.text[:90]!r}")
    return "\n".join(lines)
