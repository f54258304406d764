"""The descriptor against the project's definition: every table present, as it must be.

What gets checked is fixed by the project: a table missing from datapackage.json, a resource
without its hash or byte count, a resource pointing at another file or schema, or a schema
file that differs from the project's, is a problem here, and the table is still read from the
path the definition gives, so that the other checks still run on it.

The descriptor holds only what the build writes: package-level properties of the shapes
``package_metadata`` declares (no markup, no invisible characters, links http(s) only), and
resource entries with the build's keys. A key the build never writes (a ``dialect``, a second
entry for one table) is a problem, because another reader would act on it.
"""

from __future__ import annotations

import json
from typing import Any

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.package_metadata import (
    BUILT_KEYS,
    OPTIONAL_KEYS,
    PACKAGE_KEYS,
    PROFILE,
    RESOURCE_KEYS,
    metadata_faults,
)
from fr_az_crisis.problems import Problem
from fr_az_crisis.strict_json import parse_json

DESCRIPTOR_FIXED = ("type", "scheme", "format", "mediatype", "encoding")


def check_descriptor(pkg: PackageData) -> CheckResult:
    result = CheckResult(list(pkg.descriptor_problems), rows=len(pkg.definition.tables))
    rel = pkg.definition.path("descriptor")
    descriptor = pkg.descriptor
    if descriptor is not None:
        result.problems += _check_package(pkg, rel, descriptor)
        result.problems += _check_resources(pkg, rel, descriptor)
    result.problems += _check_schema_files(pkg)
    return result


def _check_package(pkg: PackageData, rel: str, descriptor: dict[str, Any]) -> list[Problem]:
    """Package-level properties: the known ones, of their shapes, safe to show on a page."""
    problems = []
    known = {*PACKAGE_KEYS, *BUILT_KEYS}
    for key in descriptor:
        if key not in known:
            problems.append(
                Problem(
                    "descriptor-property", rel, None, str(key), "not a property the build writes"
                )
            )
    required = {*PACKAGE_KEYS, *BUILT_KEYS} - OPTIONAL_KEYS
    for key in sorted(required - descriptor.keys()):
        problems.append(Problem("descriptor-property", rel, None, key, "missing"))
    if "$schema" in descriptor and descriptor["$schema"] != PROFILE:
        problems.append(
            Problem(
                "descriptor-property",
                rel,
                None,
                "$schema",
                f"is {descriptor['$schema']!r}, the build writes {PROFILE!r}",
            )
        )
    if "version" in descriptor and not isinstance(descriptor["version"], str):
        problems.append(Problem("descriptor-property", rel, None, "version", "not a string"))
    for fault in metadata_faults(descriptor, pkg.definition, pkg.root):
        problems.append(Problem(fault.code, rel, None, fault.key, fault.message))
    return problems


def _check_resources(pkg: PackageData, rel: str, descriptor: dict[str, Any]) -> list[Problem]:
    problems = []
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return [Problem("descriptor-unreadable", rel, None, "resources", "no list of resources")]
    by_name: dict[Any, dict[str, Any]] = {}
    for i, r in enumerate(resources, start=1):
        if not isinstance(r, dict):
            problems.append(
                Problem("descriptor-property", rel, None, f"resources[{i}]", "not a mapping")
            )
        elif r.get("name") in by_name:
            problems.append(
                Problem(
                    "resource-unexpected",
                    rel,
                    None,
                    str(r.get("name")),
                    f"resource {i} repeats the name of an earlier resource",
                )
            )
        else:
            by_name[r.get("name")] = r
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
        for prop in resource:
            if prop not in RESOURCE_KEYS:
                problems.append(
                    Problem(
                        "resource-property",
                        rel,
                        None,
                        f"{name}.{prop}",
                        "not a property the build writes",
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
    for name, table in pkg.definition.tables.items():
        if name in pkg.schema_problems:
            problems.append(pkg.schema_problems[name])
            continue
        expected = json.loads((pkg.definition.root / table.schema_path).read_text(encoding="utf-8"))
        data = pkg.schema_files.get(name)
        if data is None:
            problems.append(
                Problem("schema-mismatch", table.schema_path, None, None, "file is missing")
            )
            continue
        try:
            actual = parse_json(data)
        except ValueError as exc:
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


def frictionless_may_read(pkg: PackageData) -> str | None:
    """Why the reference validator must not be given this descriptor (None: it may).

    frictionless reads every path, schema and dialect a descriptor names and fetches remote
    profiles; it is run only on a descriptor whose every file is one the definition names
    and ``PackageData`` found inside the package. Each reason here is also a problem of this
    check or of the files check, so a skipped reference run never hides a fault.
    """
    d = pkg.descriptor
    if d is None:
        return "the descriptor could not be read"
    if (
        any(k not in {*PACKAGE_KEYS, *BUILT_KEYS} for k in d)
        or d.get("$schema", PROFILE) != PROFILE
    ):
        return "the descriptor has properties the build does not write"
    resources = d.get("resources")
    if not isinstance(resources, list):
        return "the descriptor has no list of resources"
    for r in resources:
        if not isinstance(r, dict) or r.get("name") not in pkg.definition.tables:
            return "the descriptor lists a resource the definition does not have"
        table = pkg.definition.table(r["name"])
        if any(k not in RESOURCE_KEYS for k in r):
            return f"resource {table.name} has properties the build does not write"
        if r.get("path") != table.path or r.get("schema") != table.schema_path:
            return f"resource {table.name} names files the definition does not"
        if r.get("scheme", "file") != "file":
            return f"resource {table.name} is not a local file"
        unsafe = [p for p in pkg.structure_problems.get(table.name, []) if p.code in UNSAFE]
        if unsafe or table.name in pkg.schema_problems:
            return f"a file of resource {table.name} is not a file inside the package"
    return None


UNSAFE = {"path-outside", "not-a-file"}


CHECK = Check(
    "descriptor", "Descriptor and schemas match the package definition", (), check_descriptor
)
