"""The descriptor against the project's definition: every table present, as it must be.

What gets checked is fixed by the project: a table missing from datapackage.json, a resource
without its hash or byte count, a resource pointing at another file or schema, or a schema
file that differs from the project's, is a problem here, and the table is still read from the
path the definition gives, so that the other checks still run on it.

The descriptor holds only what the build writes: package-level properties of the shapes
``package_metadata`` declares (no markup, no invisible characters, links http(s) only), the
licences ``schemas/package.json`` declares, and resource entries with the build's keys and
the declared dialect. A key the build never writes (a dialect other than the declared one, a
second entry for one table) is a problem, because another reader would act on it.

The archived texts are resources too, required exactly as tables are: one per source the
sources table marks archived, with the declared name, path, format, media type, encoding
and licence, and its bytes and hash (which the files check compares with the file).
"""

from __future__ import annotations

import json
from typing import Any

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData, read_safely
from fr_az_crisis.package_metadata import (
    BUILT_KEYS,
    CREATED,
    OPTIONAL_KEYS,
    PACKAGE_KEYS,
    PROFILE,
    RESOURCE_KEYS,
    TEXT_RESOURCE_KEYS,
    is_web_address,
    metadata_faults,
)
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import sources
from fr_az_crisis.strict_json import parse_json

DESCRIPTOR_FIXED = ("type", "scheme", "format", "mediatype", "encoding", "dialect")
TEXT_FIXED = ("format", "mediatype", "encoding")


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
    created = descriptor.get("created")
    if created is not None and not (isinstance(created, str) and CREATED.fullmatch(created)):
        problems.append(
            Problem(
                "descriptor-property",
                rel,
                None,
                "created",
                f"is {created!r}, not a date and time in UTC as the build writes it "
                "(YYYY-MM-DDThh:mm:ssZ)",
            )
        )
    if "licenses" in descriptor and descriptor["licenses"] != pkg.definition.package_licenses():
        problems.append(
            Problem(
                "descriptor-property",
                rel,
                None,
                "licenses",
                "not the licences the package definition declares (schemas/package.json)",
            )
        )
    problems += _missing_licence_files(pkg, rel)
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
        expected: dict[str, Any] = {"path": table.path, "schema": table.schema_path}
        expected |= {k: pkg.definition.resource[k] for k in DESCRIPTOR_FIXED}
        expected["licenses"] = pkg.definition.table_licenses(name)
        problems += _differing(rel, name, resource, expected)
    problems += _check_text_resources(pkg, rel, by_name)
    for name in by_name:
        problems.append(
            Problem(
                "resource-unexpected", rel, None, str(name), "not a table of the package definition"
            )
        )
    return problems


def _differing(
    rel: str, name: str, resource: dict[str, Any], expected: dict[str, Any]
) -> list[Problem]:
    return [
        Problem(
            "resource-property",
            rel,
            None,
            f"{name}.{prop}",
            f"is {_short(resource[prop])}, the package definition says {_short(value)}",
        )
        for prop, value in expected.items()
        if prop in resource and resource[prop] != value
    ]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def expected_texts(pkg: PackageData) -> dict[str, str] | None:
    """Resource name -> source id of every text the descriptor must list (the sources rows
    marked archived whose id is a slug); None when the sources table could not be read."""
    if not pkg.available(sources.TABLE):
        return None
    frame = pkg.typed[sources.TABLE]
    archived = frame.filter(frame[sources.is_archived].fill_null(False))[sources.source_id]
    ids = [sid for sid in archived.drop_nulls().to_list() if pkg.is_source_id(sid)]
    return {pkg.definition.text_resource_name(sid): sid for sid in ids}


def _check_text_resources(
    pkg: PackageData, rel: str, by_name: dict[Any, dict[str, Any]]
) -> list[Problem]:
    """Each archived text's resource, as required as a table's (pops what it checks)."""
    texts = expected_texts(pkg)
    if texts is None:  # which texts belong is unknown: the table's own problems say why
        for name in [n for n in by_name if _looks_like_text(pkg, n)]:
            by_name.pop(name)
        return []
    spec = pkg.definition.text_resource
    problems = []
    for name, sid in texts.items():
        resource = by_name.pop(name, None)
        if resource is None:
            problems.append(
                Problem(
                    "resource-missing",
                    rel,
                    None,
                    name,
                    f"no resource for the archived text of {sid!r}",
                )
            )
            continue
        problems += [
            Problem("resource-property", rel, None, f"{name}.{prop}", f"{prop!r} is missing")
            for prop in spec["requiredProperties"]
            if prop not in resource
        ]
        problems += [
            Problem(
                "resource-property", rel, None, f"{name}.{prop}", "not a property the build writes"
            )
            for prop in resource
            if prop not in TEXT_RESOURCE_KEYS
        ]
        expected: dict[str, Any] = {"path": pkg.definition.text_path(sid)}
        expected |= {k: spec[k] for k in TEXT_FIXED}
        expected["licenses"] = pkg.definition.text_licenses()
        problems += _differing(rel, name, resource, expected)
    return problems


def _looks_like_text(pkg: PackageData, name: Any) -> bool:
    prefix = pkg.definition.text_resource_name("")
    return isinstance(name, str) and name.startswith(prefix)


def _missing_licence_files(pkg: PackageData, rel: str) -> list[Problem]:
    """A declared licence whose text is a file of the package (not a web address): that file
    must be there, inside the package, for a reuser to read."""
    problems = []
    for licence in pkg.definition.package_licenses():
        path = str(licence.get("path", ""))
        if is_web_address(path, pkg.definition):
            continue
        data, unsafe = read_safely(pkg.root, path)
        if unsafe is not None:
            problems.append(unsafe)
        elif data is None:
            problems.append(
                Problem(
                    "file-missing", path, None, None, f"the licence text {rel} names is missing"
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
    texts = expected_texts(pkg)
    if texts is None:
        return "the archived texts are unknown (the sources table could not be read)"
    for r in resources:
        if isinstance(r, dict) and r.get("name") in texts:
            reason = _text_unreadable(pkg, r, texts[r["name"]])
            if reason:
                return reason
            continue
        if not isinstance(r, dict) or r.get("name") not in pkg.definition.tables:
            return "the descriptor lists a resource the definition does not have"
        table = pkg.definition.table(r["name"])
        if any(k not in RESOURCE_KEYS for k in r):
            return f"resource {table.name} has properties the build does not write"
        if r.get("path") != table.path or r.get("schema") != table.schema_path:
            return f"resource {table.name} names files the definition does not"
        if r.get("scheme", "file") != "file":
            return f"resource {table.name} is not a local file"
        if (
            r.get("dialect", pkg.definition.resource["dialect"])
            != pkg.definition.resource["dialect"]
        ):
            return f"resource {table.name} declares a dialect other than the definition's"
        unsafe = [p for p in pkg.structure_problems.get(table.name, []) if p.code in UNSAFE]
        if unsafe or table.name in pkg.schema_problems:
            return f"a file of resource {table.name} is not a file inside the package"
    return None


def _text_unreadable(pkg: PackageData, r: dict[str, Any], sid: str) -> str | None:
    """Why frictionless must not read this text resource (None: it may)."""
    name = r["name"]
    if any(k not in TEXT_RESOURCE_KEYS for k in r):
        return f"resource {name} has properties the build does not write"
    if r.get("path") != pkg.definition.text_path(sid):
        return f"resource {name} names a file the definition does not"
    if sid in pkg.text_problems or pkg.text_bytes.get(sid) is None:
        return f"the file of resource {name} is missing or not a file inside the package"
    return None


UNSAFE = {"path-outside", "not-a-file"}


CHECK = Check(
    "descriptor", "Descriptor and schemas match the package definition", (), check_descriptor
)
