"""Relations keep their promises: the rules each relation value declares in its schema.

``schemas/tables/claim_relations.json`` and ``event_relations.json`` give each value its
rules (``"valueRules"``, see ``fr_az_crisis.definition.VALUE_RULES``); this check enforces
them, so a new value gets its checks by naming its rules:

- ``symmetric``: stored once, claim_id first in sort order;
- ``across_groups`` / ``within_group``: between sources of different / of one independence
  group, the groups computed from provenance (``fr_az_crisis.independence``);
- ``within_source``: between claims of one source;
- ``same_subject``: the two claims report one event, or shared_subject says what they share;
- ``not_later``: never linked to something that happened later;
- ``acyclic``: no cycle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import polars as pl

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.independence import compute_groups
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import claim_relations, claims, event_relations, events, sources
from fr_az_crisis.table_reading import ROW

CR, ER = claim_relations, event_relations
A, B = "_a", "_b"


def check_relations(pkg: PackageData) -> CheckResult:
    cr, er = pkg.typed[CR.TABLE], pkg.typed[ER.TABLE]
    problems = check_claim_relations(pkg, cr)
    problems += check_event_relations(pkg, er)
    return CheckResult(problems, rows=cr.height + er.height)


def _values(pkg: PackageData, table: str, rule: str) -> list[str]:
    field = pkg.definition.table(table).field(CR.relation)
    return list(field.values_with(rule))


def _with_rule(frame: pl.DataFrame, relation: str, values: list[str]) -> pl.DataFrame:
    return frame.filter(pl.col(relation).cast(pl.String).is_in(values))


def _claim_sides(pkg: PackageData, frame: pl.DataFrame) -> pl.DataFrame:
    """The relation rows with each side's source, group, event and date (suffixes _a, _b)."""
    groups = compute_groups(pkg.typed[sources.TABLE])
    info = pkg.typed[claims.TABLE].select(
        claims.claim_id,
        claims.source_id,
        claims.event_id,
        claims.claim_date,
        pl.col(claims.source_id)
        .replace_strict(groups, default=None, return_dtype=pl.String)
        .alias("_group"),
    )
    a = info.rename({c: c + A for c in info.columns})
    b = info.rename({c: c + B for c in info.columns})
    return frame.join(a, left_on=CR.claim_id, right_on=claims.claim_id + A, how="left").join(
        b, left_on=CR.related_claim_id, right_on=claims.claim_id + B, how="left"
    )


def _problems(
    code: str, rel: str, rows: Iterable[dict[str, Any]], field: str, message: str
) -> list[Problem]:
    return [
        Problem(
            code,
            rel,
            r[ROW],
            field,
            message.format(a=r[CR.claim_id], b=r[CR.related_claim_id], r=r[CR.relation], **r),
        )
        for r in rows
    ]


def check_claim_relations(pkg: PackageData, frame: pl.DataFrame) -> list[Problem]:
    rel = pkg.path(CR.TABLE)
    sides = _claim_sides(pkg, frame)
    problems = check_symmetric(rel, frame, _values(pkg, CR.TABLE, "symmetric"))
    group_a, group_b = pl.col("_group" + A), pl.col("_group" + B)
    known = group_a.is_not_null() & group_b.is_not_null()
    across = _with_rule(sides, CR.relation, _values(pkg, CR.TABLE, "across_groups"))
    problems += _problems(
        "corroboration-dependent",
        rel,
        across.filter(known & (group_a == group_b)).iter_rows(named=True),
        CR.relation,
        "{a} {r} {b}, but both sources derive from one origin ({_group_a}): a repetition, "
        "not a confirmation",
    )
    within = _with_rule(sides, CR.relation, _values(pkg, CR.TABLE, "within_group"))
    problems += _problems(
        "repeat-independent",
        rel,
        within.filter(known & (group_a != group_b)).iter_rows(named=True),
        CR.relation,
        "{a} {r} {b}, but their sources have different origins ({_group_a}, {_group_b})",
    )
    one_source = _with_rule(sides, CR.relation, _values(pkg, CR.TABLE, "within_source"))
    problems += _problems(
        "relation-source",
        rel,
        one_source.filter(pl.col(claims.source_id + A) != pl.col(claims.source_id + B)).iter_rows(
            named=True
        ),
        CR.relation,
        "{a} {r} {b}, but the claims come from two sources",
    )
    subject = _with_rule(sides, CR.relation, _values(pkg, CR.TABLE, "same_subject"))
    event_a, event_b = pl.col(claims.event_id + A), pl.col(claims.event_id + B)
    same_event = (event_a == event_b).fill_null(False)
    problems += _problems(
        "relation-subject",
        rel,
        subject.filter(~same_event & pl.col(CR.shared_subject).is_null()).iter_rows(named=True),
        CR.shared_subject,
        "{a} {r} {b}: the claims report different events (or none) and no shared_subject "
        "says what they share",
    )
    later = _with_rule(sides, CR.relation, _values(pkg, CR.TABLE, "not_later"))
    date_a, date_b = pl.col(claims.claim_date + A), pl.col(claims.claim_date + B)
    problems += _problems(
        "relation-later",
        rel,
        later.filter((date_b > date_a).fill_null(False)).iter_rows(named=True),
        CR.related_claim_id,
        "{a} ({claim_date_a}) {r} {b}, which was said later ({claim_date_b})",
    )
    return problems


def check_symmetric(rel: str, frame: pl.DataFrame, symmetric: list[str]) -> list[Problem]:
    """A symmetric row out of sort order is a duplicate when its mirror is stored too."""
    rows = _with_rule(frame, CR.relation, symmetric).with_columns(
        pl.col(CR.relation).cast(pl.String)
    )
    stored = {(r[CR.claim_id], r[CR.related_claim_id], r[CR.relation]) for r in rows.to_dicts()}
    problems = []
    for r in rows.filter(pl.col(CR.claim_id) > pl.col(CR.related_claim_id)).iter_rows(named=True):
        a, b, kind = r[CR.claim_id], r[CR.related_claim_id], r[CR.relation]
        if (b, a, kind) in stored:
            problems.append(
                Problem(
                    "symmetric-duplicate",
                    rel,
                    r[ROW],
                    CR.claim_id,
                    f"{kind} between {a} and {b} is also stored as {b} -> {a}",
                )
            )
        else:
            problems.append(
                Problem(
                    "symmetric-order",
                    rel,
                    r[ROW],
                    CR.claim_id,
                    f"{kind} is symmetric: store it as {b} -> {a} (sort order)",
                )
            )
    return problems


def check_event_relations(pkg: PackageData, frame: pl.DataFrame) -> list[Problem]:
    rel = pkg.path(ER.TABLE)
    dates = pkg.typed[events.TABLE].select(events.event_id, events.date_start, events.date_end)
    sides = frame.join(
        dates.rename({c: c + A for c in dates.columns}),
        left_on=ER.event_id,
        right_on=events.event_id + A,
        how="left",
    ).join(
        dates.rename({c: c + B for c in dates.columns}),
        left_on=ER.related_event_id,
        right_on=events.event_id + B,
        how="left",
    )
    later = _with_rule(sides, ER.relation, _values(pkg, ER.TABLE, "not_later")).filter(
        (pl.col(events.date_start + B) > pl.col(events.date_end + A)).fill_null(False)
    )
    problems = [
        Problem(
            "relation-later",
            rel,
            r[ROW],
            ER.related_event_id,
            f"{r[ER.event_id]} (by {r[events.date_end + A]}) {r[ER.relation]} "
            f"{r[ER.related_event_id]}, which starts later ({r[events.date_start + B]})",
        )
        for r in later.iter_rows(named=True)
    ]
    acyclic = _with_rule(frame, ER.relation, _values(pkg, ER.TABLE, "acyclic"))
    edges = [(r[ER.event_id], r[ER.related_event_id]) for r in acyclic.iter_rows(named=True)]
    looped = components_with_cycles(edges)
    for r in acyclic.iter_rows(named=True):
        a, b = r[ER.event_id], r[ER.related_event_id]
        if a != b and a in looped and looped[a] == looped.get(b):
            problems.append(
                Problem(
                    "relation-cycle",
                    rel,
                    r[ROW],
                    ER.related_event_id,
                    f"{a} {r[ER.relation]} {b} closes a cycle of event relations",
                )
            )
    return problems


def components_with_cycles(edges: list[tuple[str, str]]) -> dict[str, int]:
    """Nodes on a cycle, mapped to the number of their strongly connected component
    (iterative Tarjan: no recursion limit at any size). Self-loops are left to the
    self-relation check."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        if a is not None and b is not None and a != b:
            graph[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: dict[str, int] = {}
    counter = 0
    component = 0
    for root in list(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph.get(node, [])
            if i < len(successors):
                work.append((node, i + 1))
                nxt = successors[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                members = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    members.append(w)
                    if w == node:
                        break
                if len(members) > 1:
                    for w in members:
                        out[w] = component
                    component += 1
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


CHECK = Check(
    "relations",
    "Relations keep their rules: independence, symmetry, common subject, no later link, no cycle",
    (CR.TABLE, ER.TABLE, claims.TABLE, events.TABLE, sources.TABLE),
    check_relations,
)
