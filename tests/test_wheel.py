"""The built wheel works on its own: installed into a brand-new virtual environment.

The venv is made without system site-packages, and the wheel is installed together with the
dependencies its metadata declares (from the package index, as a user's ``pip install``
would). The smoke script then touches every runtime dependency (polars through ``load``,
pandera, pysbd and PyYAML through ``validate``, frictionless through the reference check), so
a dependency missing from ``pyproject.toml`` makes this test fail. It runs from a folder
outside the checkout and checks that it imported the installed copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import fr_az_crisis

pytestmark = pytest.mark.wheel
ROOT = Path(__file__).resolve().parents[1]

SMOKE = textwrap.dedent(
    """
    import sys, fr_az_crisis as c
    assert "site-packages" in c.__file__ and {root!r} not in c.__file__, c.__file__
    claims = c.load("claims")
    print(claims.height, c.load("events").schema["date_start"], c.__version__)
    assert c.source_text("le_monde_2023_12_tensions_rise").startswith("\\n\\nThe photo")
    report = c.validate(reference=True)
    assert report.ok, report.format()
    assert "frictionless" in report.checks_run, report.checks_run
    """
)


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output (not a bare CalledProcessError)."""
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{' '.join(cmd)}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel with the backend the ``dev`` extra installs (no isolation, no network)."""
    out = tmp_path_factory.mktemp("dist")
    run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ]
    )
    (path,) = out.glob("fr_az_crisis-*.whl")
    return path


def test_wheel_contains_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in fr_az_crisis.tables():
        assert f"fr_az_crisis/_data/data/{table}.csv" in names
        assert f"fr_az_crisis/_data/schemas/{table}.schema.json" in names
    assert "fr_az_crisis/_data/datapackage.json" in names
    assert sum(n.startswith("fr_az_crisis/_data/data/sources/") for n in names) == 5
    assert "fr_az_crisis/datasette_plugin/templates/source_reading.html" in names
    assert "fr_az_crisis/_data/schemas/package.json" in names
    assert not [n for n in names if n.startswith("fr_az_crisis_build/")], (
        "build code is not shipped"
    )


def clean_env(venv: Path) -> dict[str, str]:
    """The venv first on PATH, nothing inherited that could reach other site-packages."""
    keep = {k: v for k, v in os.environ.items() if k.startswith(("PIP_", "HOME", "LANG", "TMP"))}
    return {
        **keep,
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "VIRTUAL_ENV": str(venv),
        "PYTHONNOUSERSITE": "1",
    }


def test_installed_wheel_works_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])  # no --system-site-packages
    py = venv / "bin" / "python"
    env = clean_env(venv)
    probe = run(
        [str(py), "-c", "import importlib.util as u; print(u.find_spec('polars'))"], env=env
    )
    assert probe.stdout.strip() == "None", "the fresh venv must not see any other site-packages"
    run([str(py), "-m", "pip", "install", "-q", str(wheel)], env=env)
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = run([str(py), "-c", SMOKE.format(root=str(ROOT))], cwd=work, env=env)
    height, dtype, version = result.stdout.split()
    assert int(height) == fr_az_crisis.load("claims").height
    assert (dtype, version) == ("Date", fr_az_crisis.__version__)
    info = run([str(venv / "bin" / "fr-az-crisis"), "info"], cwd=work, env=env)
    assert "site-packages" in info.stdout
