"""The ``fr-az-crisis`` command: validate, coverage, info, diff, build-db, export, serve.

Exit codes: 0 success, 1 the data failed a check, 2 bad usage, missing input or a missing
extra. A command that needs an extra of the install checks for it before doing anything and
names it with the pip line (``fr_az_crisis.extras``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from fr_az_crisis.extras import Extra, MissingExtra, extra_for_module, pip_line, require

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def cmd_validate(args: argparse.Namespace) -> int:
    require("validate", "fr-az-crisis validate")
    from fr_az_crisis.validation import validate

    report = validate(args.path or args.package, reference=not args.fast)
    if args.json:
        print(report.to_json())
    elif report.ok:
        print("valid: " + report.format())
    else:
        print(report.format(limit=args.limit), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_INVALID


def cmd_coverage(args: argparse.Namespace) -> int:
    require("validate", "fr-az-crisis coverage")
    from fr_az_crisis.coverage_report import format_coverage, measure_package

    results = measure_package(args.package)
    print(format_coverage(results))
    return EXIT_OK if all(r.share == 1.0 for r in results) else EXIT_INVALID


def cmd_info(args: argparse.Namespace) -> int:
    from fr_az_crisis import __version__
    from fr_az_crisis.definition import project_definition
    from fr_az_crisis.paths import find_package_dir

    root = find_package_dir(args.package)
    definition = project_definition()
    try:
        descriptor = json.loads((root / definition.path("descriptor")).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"fr-az-crisis: {definition.path('descriptor')}: unreadable: {exc}", file=sys.stderr)
        return EXIT_INVALID
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    recorded = {r.get("name"): r.get("hash") for r in resources or [] if isinstance(r, dict)}
    info: dict[str, Any] = {
        "name": descriptor.get("name"),
        "version": __version__,
        "package_version": descriptor.get("version"),
        "package_dir": str(root),
        "tables": {},
    }
    for name, table in definition.tables.items():
        data = (root / table.path).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        info["tables"][name] = {
            "rows": _count_rows(root / table.path),
            "bytes": len(data),
            "sha256": digest,
            "hash_matches_descriptor": recorded.get(name) == f"sha256:{digest}",
        }
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(
            f"{info['name']} {info['version']} (data package {info['package_version']}) at {root}"
        )
        for name, t in info["tables"].items():
            flag = "" if t["hash_matches_descriptor"] else "  HASH MISMATCH"
            print(
                f"  {name:<18} {t['rows']:>6} rows  {t['bytes']:>8} bytes  sha256 {t['sha256'][:16]}…{flag}"
            )
    return EXIT_OK


def _count_rows(path: Path) -> int:
    import polars as pl

    return int(pl.scan_csv(path, infer_schema=False).select(pl.len()).collect().item())


def cmd_build_db(args: argparse.Namespace) -> int:
    require("serve", "fr-az-crisis build-db")
    from fr_az_crisis.sqlite_db import build_database

    out = build_database(args.output, args.package)
    print(f"wrote {out}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from fr_az_crisis.exports import export

    # export() checks the extras its formats need before writing anything
    written = export(
        args.out, formats=args.format, package_dir=args.package, base_url=args.base_url
    )
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def prepare_serving(folder: Path, package: str | None) -> tuple[Path, Path, Path]:
    """Build the database, its metadata and Datasette's inspect file into ``folder``."""
    from fr_az_crisis.datasette_metadata import write_metadata
    from fr_az_crisis.sqlite_db import build_database

    db = build_database(folder / "fr_az_crisis.db", package)
    metadata = write_metadata(folder / "metadata.json", package)
    inspect = write_inspect(db, folder / "inspect.json")
    return db, metadata, inspect


def write_inspect(db: Path, inspect: Path) -> Path:
    """Table counts precomputed for immutable serving."""
    subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", str(db), "--inspect-file", str(inspect)],
        check=True,
    )
    return inspect


def datasette_command(db: Path, metadata: Path, inspect: Path, host: str, port: int) -> list[str]:
    """The one Datasette invocation: immutable, inspected, time-limited (benchmarks reuse it)."""
    from fr_az_crisis.datasette_metadata import settings

    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(db),
        "--inspect-file",
        str(inspect),
        "--metadata",
        str(metadata),
        "--host",
        host,
        "--port",
        str(port),
        *(arg for name, value in settings().items() for arg in ("--setting", name, str(value))),
        # The metadata names each table's facets; suggesting more costs a timed query per
        # column on every table page (a third of its time here, more at a million rows).
        "--setting",
        "suggest_facets",
        "off",
    ]


def cmd_diff(args: argparse.Namespace) -> int:
    from fr_az_crisis.package_diff import diff_packages, format_markdown, format_text

    diff = diff_packages(args.old, args.new)
    if args.json:
        print(json.dumps(diff.to_dict(), indent=2, ensure_ascii=False))
    elif args.markdown:
        print(format_markdown(diff))
    else:
        print(format_text(diff, fields=not args.brief))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    require("serve", "fr-az-crisis serve")
    db, metadata, inspect = prepare_serving(Path(args.dir), args.package)
    command = datasette_command(db, metadata, inspect, args.host, args.port)
    if args.dry_run:
        print(" ".join(command))
        return EXIT_OK
    print(f"serving on http://{args.host}:{args.port}/", flush=True)
    # Become the server rather than its parent, so a signal to this process (Ctrl-C, a
    # supervisor's SIGTERM) stops Datasette instead of orphaning it.
    os.execv(sys.executable, command)
    return EXIT_OK  # not reached


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fr-az-crisis",
        description="The France–Azerbaijan crisis dataset: validate it, measure coverage, export or serve it.",
    )
    parser.add_argument(
        "--package", help="data package folder (default: the installed or checked-out one)"
    )
    parser.add_argument("--version", action="version", version=_version_line())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="run every check; exit 1 on any problem")
    p.add_argument(
        "path", nargs="?", help="package folder or its datapackage.json (default: --package)"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    p.add_argument(
        "--fast", action="store_true", help="skip frictionless, the slow reference validator"
    )
    p.add_argument("--limit", type=int, default=200, help="problems to print at most (default 200)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "coverage", help="share of each archived text's content sentences inside claims"
    )
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("info", help="version, row counts and hashes of the tables")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser(
        "diff",
        help="rows added, retracted and changed (field by field) between two package versions",
    )
    p.add_argument("old", help="the older package folder (or its datapackage.json)")
    p.add_argument("new", help="the newer package folder (or its datapackage.json)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="the CHANGELOG's data section")
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--brief", action="store_true", help="row keys only, no field values")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("build-db", help="build the SQLite database Datasette serves")
    p.add_argument(
        "--output",
        default="build/fr_az_crisis.db",
        help="database path (default build/fr_az_crisis.db)",
    )
    p.set_defaults(func=cmd_build_db)

    from fr_az_crisis.exports import TABLE_FORMATS, all_formats

    p = sub.add_parser(
        "export",
        help="write the tables (Parquet, JSON Lines, SQLite) or the formats for other tools",
    )
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument(
        "--format",
        action="append",
        choices=list(all_formats()),
        help=f"repeat for several (default: {', '.join(TABLE_FORMATS)})",
    )
    p.add_argument(
        "--base-url",
        help="where the site is deployed (https://...): name claims, events, actors, sources and "
        "the dataset by their pages there instead of URNs",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="build the database and serve it with Datasette")
    p.add_argument(
        "--dir", default="build", help="folder for the database and metadata (default build)"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument(
        "--dry-run", action="store_true", help="build, then print the datasette command only"
    )
    p.set_defaults(func=cmd_serve)
    return parser


def _version_line() -> str:
    from fr_az_crisis import __version__

    return f"fr-az-crisis {__version__}"


def main(argv: list[str] | None = None) -> int:
    from fr_az_crisis.exports import ExportError
    from fr_az_crisis.loader import CellError, IntegrityError
    from fr_az_crisis.package_diff import DiffError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except MissingExtra as exc:
        print(f"fr-az-crisis: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (FileNotFoundError, DiffError, ExportError) as exc:
        print(f"fr-az-crisis: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (IntegrityError, CellError) as exc:  # the loader's verification refused a file
        print(f"fr-az-crisis: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except ModuleNotFoundError as exc:  # a module the extras' check did not foresee
        extra: Extra = extra_for_module(exc.name or "") or "serve"
        print(
            f"fr-az-crisis: {exc.name} is needed for '{args.command}': {pip_line(extra)}",
            file=sys.stderr,
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
