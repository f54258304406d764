"""Frictionless, the reference validator, run on the whole package."""

from __future__ import annotations

from pathlib import Path

from fr_az_crisis.problems import Problem


def check_with_frictionless(root: Path) -> list[Problem]:
    import frictionless

    report = frictionless.validate(str(root / "datapackage.json"))
    problems = []
    for task in report.tasks:
        rel = task.place or task.name
        for err in task.errors:
            problems.append(
                Problem(
                    str(rel),
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None),
                    f"frictionless:{err.type}",
                    err.note or err.message,
                )
            )
    for err in report.errors:
        problems.append(
            Problem("datapackage.json", None, None, f"frictionless:{err.type}", err.message)
        )
    return problems
