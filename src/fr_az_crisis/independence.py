"""Independence groups computed from provenance, never set by hand.

Each source records what it derives from: another source of the package
(``derived_from_source_id``: a text it rewrites or republishes, or an official statement the
package holds), and/or a wire agency or outlet whose story it reproduces
(``derived_from_actor_id``), with the kind of derivation, its basis and its evidence.

The rule. Link every source to what it derives from (a source, an agency or outlet), and every
original text, which derives from nothing, to its own outlet. Sources that these links connect,
directly or through other sources, form one independence group, named after the agencies and
outlets in it (sorted, joined by ``_and_``).

So a rewrite of a rewrite of an AFP story lands in ``afp`` with the AFP story's other rewrites;
two original texts of one newsroom share its group; and a text that draws on two origins (an AFP
story and a ministry statement the package holds) joins both into one group: one origin counts
once, and never twice through a text that mixes them. A probable but unconfirmed derivation
counts as a derivation, so that independence is never overstated. Reporting an official
statement is not deriving from it: outlets that each report a statement confirm independently
that it was made; a text derives from a statement only where the package holds the statement as
a source and the text restates it.

The build writes the computed group into ``sources.independence_group``; the provenance check
recomputes it; ``timeline()``, the relation checks and Datasette count independent sources by
these computed groups. A source on a loop of derivations, or linked to a source the package
does not have, gets no group (the provenance and keys checks report why).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from fr_az_crisis.schema_names import sources


@dataclass(frozen=True)
class Provenance:
    """What one source derives from, as the sources table records it."""

    source_id: str
    outlet_actor_id: str | None
    derived_from_source_id: str | None
    derived_from_actor_id: str | None


def read_provenance(frame: pl.DataFrame) -> dict[str, Provenance]:
    """Each source's provenance, from a frame with the sources columns (typed or raw)."""
    columns = (
        sources.source_id,
        sources.outlet_actor_id,
        sources.derived_from_source_id,
        sources.derived_from_actor_id,
    )
    out: dict[str, Provenance] = {}
    for sid, outlet, parent, actor in frame.select(columns).iter_rows():
        if sid is not None:
            out[str(sid)] = Provenance(str(sid), outlet, parent, actor)
    return out


def chain_of(source_id: str, provenance: dict[str, Provenance]) -> list[str]:
    """The source and the sources it derives from, in order, up to the root. A loop ends the
    list at the first repeated source (the list then ends with that repeat)."""
    chain = [source_id]
    seen = {source_id}
    current = provenance.get(source_id)
    while current is not None and current.derived_from_source_id is not None:
        parent = current.derived_from_source_id
        chain.append(parent)
        if parent in seen:
            break
        seen.add(parent)
        current = provenance.get(parent)
    return chain


def in_cycles(provenance: dict[str, Provenance]) -> set[str]:
    """Sources that lie on a loop of derived_from_source_id."""
    looped: set[str] = set()
    for sid in provenance:
        chain = chain_of(sid, provenance)
        if len(chain) > 1 and chain[-1] in chain[:-1]:
            start = chain.index(chain[-1])
            looped.update(chain[start:-1])
    return looped


JOIN = "_and_"
"""Joins the names of the agencies and outlets one group holds."""


def compute_groups(frame: pl.DataFrame) -> dict[str, str | None]:
    """Every source's computed independence group, keyed by source_id (see the module's rule)."""
    provenance = read_provenance(frame)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while node != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    def union(a: tuple[str, str], b: tuple[str, str]) -> None:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    broken: set[str] = set(in_cycles(provenance))
    for p in provenance.values():
        node = ("source", p.source_id)
        parent.setdefault(node, node)
        if p.derived_from_source_id is not None:
            if p.derived_from_source_id not in provenance:
                broken.add(p.source_id)
            union(node, ("source", p.derived_from_source_id))
        if p.derived_from_actor_id is not None:
            union(node, ("actor", p.derived_from_actor_id))
        original = p.derived_from_source_id is None and p.derived_from_actor_id is None
        if original and p.outlet_actor_id is not None:
            union(node, ("actor", p.outlet_actor_id))
    members: dict[tuple[str, str], set[str]] = {}
    for node in list(parent):
        if node[0] == "actor":
            members.setdefault(find(node), set()).add(node[1])
    poisoned = {find(("source", s)) for s in broken}
    out: dict[str, str | None] = {}
    for sid in provenance:
        root = find(("source", sid))
        names = members.get(root)
        out[sid] = None if root in poisoned or not names else JOIN.join(sorted(names))
    return out


def groups_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Two columns, source_id and the computed independence_group, in source_id order."""
    groups = compute_groups(frame)
    ids = sorted(groups)
    return pl.DataFrame(
        {sources.source_id: ids, sources.independence_group: [groups[s] for s in ids]},
        schema={sources.source_id: pl.String, sources.independence_group: pl.String},
    )
