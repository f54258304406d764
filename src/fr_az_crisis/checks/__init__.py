"""The checks ``fr_az_crisis.validate`` runs: one interface, one registry (``checks.registry``).

A check declares its code, its title and the tables it needs, and its ``run`` returns the
problems it found and how many rows it covered. It reads only the ``PackageData`` it is
given: no check opens a file or a schema itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem


@dataclass
class CheckResult:
    """``skipped`` says why a check did not run on this package; the check must make sure
    that the reason is itself reported as a problem (by it or another check)."""

    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    skipped: str | None = None


@dataclass(frozen=True)
class Check:
    """One check of the registry.

    ``needs``: the tables it reads. When one of them could not be read, the runner reports a
    ``table-unavailable`` problem for it; a check with ``partial=True`` still runs on the
    tables that were read, any other check does not run. ``reference=True`` marks the slow
    reference validator, left out by ``--fast`` (and reported as skipped, not passed).
    """

    code: str
    title: str
    needs: tuple[str, ...]
    run: Callable[[PackageData], CheckResult]
    partial: bool = False
    reference: bool = False
