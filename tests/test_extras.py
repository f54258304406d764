"""The extras: the modules ``fr_az_crisis.extras`` looks for are the ones pyproject installs,
and each feature that needs an extra says which, before doing anything."""

from __future__ import annotations

import importlib.metadata as md
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from corruption import path_of, set_cell

from fr_az_crisis.extras import MODULES, MissingExtra, extra_for_module, pip_line, require
from fr_az_crisis.schema_names import events

ROOT = Path(__file__).resolve().parents[1]


def _requirements(extra: str, declared: dict[str, list[str]]) -> set[str]:
    """Distribution names an extra installs, following ``fr-az-crisis[...]`` references."""
    names: set[str] = set()
    for req in declared[extra]:
        name = re.split(r"[\[<>=!~; ]", req, maxsplit=1)[0].lower()
        if name == "fr-az-crisis":
            for inner in re.search(r"\[(.*)\]", req).group(1).split(","):  # type: ignore[union-attr]
                names |= _requirements(inner.strip(), declared)
        else:
            names.add(name)
    return names


def test_each_extra_installs_the_modules_that_show_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["optional-dependencies"]
    provided = md.packages_distributions()
    assert set(MODULES) | {"all", "dev"} == set(declared)
    for extra, modules in MODULES.items():
        dists = _requirements(extra, declared)
        for module in modules:
            owners = {d.lower() for d in provided.get(module, [])}
            assert owners & dists, f"{extra}: no requirement of the extra provides {module}"
    assert _requirements("all", declared) == set().union(
        *(_requirements(e, declared) for e in MODULES)
    )
    assert project["dependencies"] == ["polars>=1.20"]


def test_a_missing_extra_names_itself_with_the_pip_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MODULES, "pandas", ("pandas", "no_such_module_fr_az"))
    with pytest.raises(MissingExtra) as caught:
        require("pandas", "the pandas backend")
    assert str(caught.value) == (
        "the pandas backend needs the 'pandas' extra (no_such_module_fr_az not installed): "
        "pip install 'fr-az-crisis[pandas]'"
    )
    assert extra_for_module("sqlite_utils.db") == "serve" and extra_for_module("yaml") == "validate"
    assert pip_line("serve") == "pip install 'fr-az-crisis[serve]'"


def test_a_refused_export_leaves_nothing(package_copy: Path, tmp_path: Path) -> None:
    """events.csv edited after publishing: parquet files of earlier tables were already
    written when the export stopped; none of them, and no temporary file, is left."""
    set_cell(package_copy, events.TABLE, "ceasefire_2023_09_20", events.title, "Edited")
    out = tmp_path / "export"
    command = ["export", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "fr_az_crisis", "--package", str(package_copy), *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"fr-az-crisis: {path_of(events.TABLE)}: its sha256 differs")
    assert list(out.iterdir()) == []
