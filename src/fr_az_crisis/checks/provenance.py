"""Provenance: each derivation recorded whole, no loop, and every group the computed one.

The independence group is computed from the derivation chain (``fr_az_crisis.independence``);
the published column is a convenience for facets, and this check proves it equals the
computation, so nobody can set a group by hand.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.independence import compute_groups, in_cycles, read_provenance
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import sources
from fr_az_crisis.table_reading import ROW

S = sources
DETAILS = (S.derivation, S.derivation_basis, S.derivation_evidence)


def check_provenance(pkg: PackageData) -> CheckResult:
    frame = pkg.typed[S.TABLE]
    rel = pkg.path(S.TABLE)
    problems = check_derivations(rel, frame)
    looped = in_cycles(read_provenance(frame))
    groups = compute_groups(frame)
    for r in frame.iter_rows(named=True):
        sid = r[S.source_id]
        if sid in looped:
            problems.append(
                Problem(
                    "derivation-cycle",
                    rel,
                    r[ROW],
                    S.derived_from_source_id,
                    f"following derived_from_source_id from {sid} comes back to it",
                )
            )
            continue
        computed = groups.get(sid)
        if computed is not None and r[S.independence_group] != computed:
            problems.append(
                Problem(
                    "independence-group",
                    rel,
                    r[ROW],
                    S.independence_group,
                    f"{r[S.independence_group]!r} is not the group its derivation chain gives "
                    f"({computed!r})",
                )
            )
    return CheckResult(problems, rows=frame.height)


def _missing(
    r: dict[str, Any], problems: list[Problem], rel: str, field: str, message: str
) -> None:
    problems.append(Problem("derivation", rel, r[ROW], field, message))


def check_derivations(rel: str, frame: pl.DataFrame) -> list[Problem]:
    """One problem per source at most: the first thing its derivation lacks."""
    problems: list[Problem] = []
    rows = frame.with_columns(pl.col(S.derivation).cast(pl.String))
    for r in rows.iter_rows(named=True):
        source, actor = r[S.derived_from_source_id], r[S.derived_from_actor_id]
        if source is None and actor is None:
            stray = next((f for f in DETAILS if r[f] is not None), None)
            if stray is not None:
                _missing(r, problems, rel, stray, f"{stray} without an origin it derives from")
            continue
        lacking = next((f for f in DETAILS if r[f] is None), None)
        if lacking is not None:
            _missing(
                r, problems, rel, lacking, f"derives from {source or actor}: {lacking} missing"
            )
        elif r[S.derivation] == S.Derivation.OFFICIAL_STATEMENT and source is None:
            _missing(
                r,
                problems,
                rel,
                S.derived_from_source_id,
                "a statement derivation names the statement, a source of the package",
            )
    return problems


CHECK = Check(
    "provenance",
    "Derivations recorded whole, without loops; independence groups as computed",
    (S.TABLE,),
    check_provenance,
)
