"""Exports for other tools: the tables (Parquet with zstd, JSON Lines, SQLite) and the formats
of ``schemas/exports.json`` (W3C Web Annotations, Text Fragment links, PLOVER events with
CAMEO dyads, Croissant 1.1 metadata, a dataset card with Parquet files).

An export writes everything or nothing: the extras its formats need are checked first, the
files are written into a temporary folder beside ``out`` and moved into place only when all
of them were written, so a failure (a missing extra, a refused file, a full disk) leaves no
partial export and no stray temporary file. The same package gives the same bytes.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from fr_az_crisis.extras import require
from fr_az_crisis.loader import load, tables
from fr_az_crisis.paths import find_package_dir, read_inside

TABLE_FORMATS = ("parquet", "jsonl", "sqlite")
DATABASE = "fr_az_crisis.db"
NEEDS_EXPORT_EXTRA = ("annotations", "fragments", "plover")
"""Formats that generate Text Fragment links (UAX #29 word boundaries: the export extra)."""


def interchange_formats() -> tuple[str, ...]:
    """The formats ``schemas/exports.json`` declares, in its order."""
    from fr_az_crisis.interchange.declarations import exports_declaration

    return tuple(exports_declaration()["formats"])


def all_formats() -> tuple[str, ...]:
    return TABLE_FORMATS + interchange_formats()


class ExportError(ValueError):
    """An export cannot be made as asked (a bad option); nothing was written."""


def export(
    out: str | Path,
    *,
    formats: list[str] | None = None,
    package_dir: str | Path | None = None,
    base_url: str | None = None,
) -> list[Path]:
    """Write each format into ``out``; returns the files written. ``base_url`` (an http(s)
    address where the site is deployed) names rows by their pages instead of URNs."""
    chosen = formats or list(TABLE_FORMATS)
    for fmt in chosen:
        if fmt not in all_formats():
            raise ExportError(
                f"unknown export format {fmt!r}; choose from {', '.join(all_formats())}"
            )
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ExportError(
                f"--base-url must be an http(s) address without a query: {base_url!r}"
            )
    if "sqlite" in chosen:
        require("serve", "the sqlite export")
    if any(fmt in NEEDS_EXPORT_EXTRA for fmt in chosen):
        require(
            "export", "the " + ", ".join(f for f in chosen if f in NEEDS_EXPORT_EXTRA) + " export"
        )
    root = find_package_dir(package_dir)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        relative = _write_all(work, chosen, root, base_url)
        written = []
        for rel in relative:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (work / rel).replace(out / rel)
            written.append(out / rel)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_all(work: Path, chosen: list[str], root: Path, base_url: str | None) -> list[Path]:
    relative: list[Path] = []
    for fmt in ("parquet", "jsonl"):
        if fmt not in chosen:
            continue
        (work / fmt).mkdir()
        for name in tables():
            df = load(name, package_dir=root)
            rel = Path(fmt) / f"{name}.{fmt}"
            if fmt == "parquet":
                df.write_parquet(work / rel, compression="zstd", statistics=True)
            else:
                df.write_ndjson(work / rel)
            relative.append(rel)
    if "sqlite" in chosen:
        from fr_az_crisis.sqlite_db import build_database

        build_database(work / DATABASE, root)
        relative.append(Path(DATABASE))
    inputs = Inputs(root, base_url)
    for fmt in interchange_formats():
        if fmt in chosen:
            for written, content in WRITERS[fmt](inputs).items():
                target = work / written
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, pl.DataFrame):
                    _write_frame(content, target)
                else:
                    target.write_bytes(content)
                relative.append(Path(written))
    return relative


def _write_frame(frame: pl.DataFrame, target: Path) -> None:
    if target.suffix == ".parquet":
        frame.write_parquet(target, compression="zstd", statistics=True)
    else:
        frame.write_csv(target)


class Inputs:
    """What the interchange formats read, each read once (and verified) when first needed."""

    def __init__(self, root: Path, base_url: str | None):
        self.root, self.base_url = root, base_url

    @cached_property
    def definition(self) -> Any:
        from fr_az_crisis.definition import project_definition

        return project_definition()

    @cached_property
    def descriptor(self) -> dict[str, Any]:
        from fr_az_crisis.interchange.declarations import read_descriptor

        return read_descriptor(self.root)

    @cached_property
    def ids(self) -> Any:
        from fr_az_crisis.interchange.declarations import Identifiers

        return Identifiers(str(self.descriptor["version"]), self.base_url)

    @cached_property
    def frames(self) -> dict[str, pl.DataFrame]:
        return {name: load(name, package_dir=self.root) for name in tables()}

    @cached_property
    def texts(self) -> dict[str, str]:
        from fr_az_crisis.loader import source_texts

        return source_texts(package_dir=self.root)

    @cached_property
    def raw_texts(self) -> dict[str, bytes]:
        return {sid: text.encode("utf-8") for sid, text in self.texts.items()}

    @cached_property
    def fragments(self) -> list[dict[str, Any]]:
        from fr_az_crisis.text_fragments import text_fragment_rows

        return text_fragment_rows(self.root)

    def files(self, fmt: str) -> dict[str, str]:
        from fr_az_crisis.interchange.declarations import export_files

        return export_files(fmt)


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _annotations(inputs: Inputs) -> dict[str, bytes | pl.DataFrame]:
    from fr_az_crisis.interchange.annotations import collection

    doc = collection(
        inputs.frames,
        inputs.texts,
        inputs.raw_texts,
        inputs.fragments,
        inputs.descriptor,
        inputs.ids,
    )
    return {inputs.files("annotations")["collection"]: _json_bytes(doc)}


def _fragments(inputs: Inputs) -> dict[str, bytes | pl.DataFrame]:
    from fr_az_crisis.text_fragments import text_fragment_frame

    return {inputs.files("fragments")["table"]: text_fragment_frame(inputs.fragments)}


def _plover(inputs: Inputs) -> dict[str, bytes | pl.DataFrame]:
    from fr_az_crisis.interchange.plover import dyads, records

    found = records(inputs.frames, inputs.fragments, inputs.descriptor, inputs.ids)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found)
    files = inputs.files("plover")
    return {files["records"]: lines.encode("utf-8"), files["dyads"]: dyads(found, inputs.frames)}


def _croissant(inputs: Inputs) -> dict[str, bytes | pl.DataFrame]:
    """croissant.json and, at their package paths, the files it describes (read verified:
    each table's and text's bytes are checked against the descriptor's sha256 by ``load``
    and ``source_texts`` first)."""
    from fr_az_crisis.interchange.croissant import metadata

    definition = inputs.definition
    _ = inputs.frames, inputs.texts  # verify every table and text before copying bytes
    rels = [definition.table_path(name) for name in definition.tables]
    rels += [definition.text_path(sid) for sid in inputs.texts]
    files: dict[str, bytes] = {}
    for rel in rels:
        data = read_inside(inputs.root, rel)
        if data is None:
            raise FileNotFoundError(f"{rel}: missing from {inputs.root}")
        files[rel] = data
    from fr_az_crisis.interchange.dataset_card import parquet_frame

    declared = inputs.files("croissant")
    parquet = {}
    for name, frame in inputs.frames.items():
        buffer = io.BytesIO()
        parquet_frame(frame).write_parquet(buffer, compression="zstd", statistics=True)
        parquet[name] = (declared["data"].format(table=name), buffer.getvalue())
    doc = metadata(definition, inputs.descriptor, files, parquet, inputs.ids)
    out: dict[str, bytes | pl.DataFrame] = {declared["metadata"]: _json_bytes(doc)}
    out.update(files)
    out.update(dict(parquet.values()))
    return out


def _card(inputs: Inputs) -> dict[str, bytes | pl.DataFrame]:
    from fr_az_crisis.interchange.dataset_card import parquet_frame, readme

    files = inputs.files("card")
    folder = files["folder"]
    out: dict[str, bytes | pl.DataFrame] = {
        f"{folder}/{files['readme']}": readme(
            inputs.definition, inputs.descriptor, inputs.frames, inputs.ids, files["data"]
        ).encode("utf-8")
    }
    for name, frame in inputs.frames.items():
        out[f"{folder}/{files['data'].format(table=name)}"] = parquet_frame(frame)
    licence = next(
        str(entry["path"])
        for entry in inputs.descriptor["licenses"]
        if "://" not in str(entry["path"])
    )
    data = read_inside(inputs.root, licence)
    if data is None:
        raise FileNotFoundError(f"{licence}: missing from {inputs.root}")
    out[f"{folder}/{licence}"] = data
    return out


WRITERS: dict[str, Callable[[Inputs], dict[str, bytes | pl.DataFrame]]] = {
    "annotations": _annotations,
    "fragments": _fragments,
    "plover": _plover,
    "croissant": _croissant,
    "card": _card,
}
