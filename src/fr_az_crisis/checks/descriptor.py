"""The descriptor against the project's definition: every table present, as it must be.

What gets checked is fixed by the project: a table missing from datapackage.json, a resource
without its hash or byte count, a resource pointing at another file or schema, or a schema
file that differs from the project's, is a problem here, and the table is still read from the
path the definition gives, so that the other checks still run on it.
"""

from __future__ import annotations

import json
from typing import Any

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem

DESCRIPTOR_FIXED = ("type", "scheme", "format", "mediatype", "encoding")


def check_descriptor(pkg: PackageData) -> CheckResult:
    result = CheckResult(list(pkg.descriptor_problems), rows=len(pkg.definition.tables))
    rel = pkg.definition.path("descriptor")
    descriptor = pkg.descriptor
    if descriptor is not None:
        result.problems += _check_resources(pkg, rel, descriptor)
    result.problems += _check_schema_files(pkg)
    return result


def _check_resources(pkg: PackageData, rel: str, descriptor: dict[str, Any]) -> list[Problem]:
    problems = []
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return [Problem("descriptor-unreadable", rel, None, "resources", "no list of resources")]
    by_name = {r.get("name"): r for r in resources if isinstance(r, dict)}
    required = pkg.definition.resource["requiredProperties"]
    for name, table in pkg.definition.tables.items():
        resource = by_name.pop(name, None)
        if resource is None:
            problems.append(
                Problem("resource-missing", rel, None, name, f"no resource for table {name!r}")
            )
            continue
        for prop in required:
            if prop not in resource:
                problems.append(
                    Problem(
                        "resource-property", rel, None, f"{name}.{prop}", f"{prop!r} is missing"
                    )
                )
        expected = {"path": table.path, "schema": table.schema_path}
        expected |= {k: pkg.definition.resource[k] for k in DESCRIPTOR_FIXED}
        for prop, value in expected.items():
            if prop in resource and resource[prop] != value:
                problems.append(
                    Problem(
                        "resource-property",
                        rel,
                        None,
                        f"{name}.{prop}",
                        f"is {resource[prop]!r}, the package definition says {value!r}",
                    )
                )
    for name in by_name:
        problems.append(
            Problem(
                "resource-unexpected", rel, None, str(name), "not a table of the package definition"
            )
        )
    return problems


def _check_schema_files(pkg: PackageData) -> list[Problem]:
    """Each schema file of the package says exactly what the project's schema says."""
    problems = []
    for table in pkg.definition.tables.values():
        expected = json.loads((pkg.definition.root / table.schema_path).read_text(encoding="utf-8"))
        path = pkg.root / table.schema_path
        try:
            actual = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(
                Problem("schema-mismatch", table.schema_path, None, None, "file is missing")
            )
            continue
        except (UnicodeDecodeError, ValueError) as exc:
            problems.append(
                Problem("schema-mismatch", table.schema_path, None, None, f"unreadable: {exc}")
            )
            continue
        if actual != expected:
            problems.append(
                Problem(
                    "schema-mismatch",
                    table.schema_path,
                    None,
                    None,
                    "differs from the project's schema for this table",
                )
            )
    return problems


CHECK = Check(
    "descriptor", "Descriptor and schemas match the package definition", (), check_descriptor
)
