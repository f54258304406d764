"""The built wheel works on its own: installed into a brand-new virtual environment.

The venv is made without system site-packages, and the wheel is installed together with the
dependencies its metadata declares (from the package index, as a user's ``pip install``
would). Two installs are tested:

- the core alone (polars): the loader, the timeline, the discrepancies and the texts work,
  nothing of an extra is installed, and a command that needs one names it with the pip line
  and writes nothing; then the ``pandas`` extra alone (no pyarrow): texts slice by offsets;
- the ``validate`` extra, which the smoke script exercises: pandera, pysbd and PyYAML through
  ``validate``, frictionless through the reference check, so a dependency missing from the
  extra makes this test fail.

Each runs from a folder outside the checkout and checks that it imported the installed copy.
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
    assert {"fr_az_crisis/py.typed", "fr_az_crisis/_data/CITATION.cff"} <= names
    assert "fr_az_crisis/_data/LICENSE-DATA.md" in names  # the licence text the descriptor names
    metadata = zipfile.ZipFile(wheel).read(
        f"fr_az_crisis-{fr_az_crisis.__version__}.dist-info/METADATA"
    )
    lines = metadata.decode("utf-8").splitlines()
    assert "License-Expression: MIT AND CC-BY-4.0 AND LicenseRef-Publishers-Rights" in lines
    assert {"License-File: LICENSE", "License-File: LICENSE-DATA.md"} <= set(lines)
    assert [x for x in lines if x.startswith("Requires-Dist:") and "extra ==" not in x] == [
        "Requires-Dist: polars>=1.20"
    ]
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
    run([str(py), "-m", "pip", "install", "-q", f"{wheel}[validate]"], env=env)
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = run([str(py), "-c", SMOKE.format(root=str(ROOT))], cwd=work, env=env)
    height, dtype, version = result.stdout.split()
    assert int(height) == fr_az_crisis.load("claims").height
    assert (dtype, version) == ("Date", fr_az_crisis.__version__)
    info = run([str(venv / "bin" / "fr-az-crisis"), "info"], cwd=work, env=env)
    assert "site-packages" in info.stdout


CORE = textwrap.dedent(
    """
    import importlib.util as u, sys, fr_az_crisis as c
    assert "site-packages" in c.__file__ and {root!r} not in c.__file__, c.__file__
    extras = ["pandera", "frictionless", "pysbd", "yaml", "pandas", "pyarrow", "datasette"]
    assert [m for m in extras if u.find_spec(m)] == [], "an extra's module is installed"
    claims = c.load("claims")
    print(claims.height, c.load_all()["events"].height, c.timeline().height,
          c.discrepancies().height, len(c.source_text("le_monde_2023_12_tensions_rise")),
          c.schema("claims").name, c.table_path("claims").is_file())
    try:
        c.load("claims", backend="pandas")
    except c.MissingExtra as exc:
        print(exc)
    """
)

PANDAS = textwrap.dedent(
    """
    import importlib.util as u, pandas as pd, fr_az_crisis as c
    assert u.find_spec("pyarrow") is None
    claims = c.load("claims", backend="pandas")
    texts = c.source_texts()
    sliced = [texts[r.source_id][r.char_start:r.char_end] == r.quote
              for r in claims.itertuples() if not pd.isna(r.char_start)]
    print(len(sliced), all(sliced), claims["char_start"].dtype, claims["is_translated"].dtype)
    """
)


def test_the_core_install_works_alone_and_names_each_missing_extra(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    py, env = venv / "bin" / "python", clean_env(venv)
    run([str(py), "-m", "pip", "install", "-q", str(wheel)], env=env)
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = run([str(py), "-c", CORE.format(root=str(ROOT))], cwd=work, env=env).stdout
    counts, message = out.splitlines()
    expected = [
        fr_az_crisis.load("claims").height,
        fr_az_crisis.load("events").height,
        fr_az_crisis.timeline().height,
        fr_az_crisis.discrepancies().height,
        len(fr_az_crisis.source_text("le_monde_2023_12_tensions_rise")),
    ]
    assert counts.split() == [*map(str, expected), "claims", "True"]
    assert message == (
        "load(..., backend='pandas') needs the 'pandas' extra (pandas not installed): "
        "pip install 'fr-az-crisis[pandas]'"
    )
    cli = str(venv / "bin" / "fr-az-crisis")
    for args, extra in (
        (["validate"], "validate"),
        (["coverage"], "validate"),
        (["build-db", "--output", "x/db.sqlite"], "serve"),
        (["export", "--out", "exported"], "serve"),
    ):
        result = subprocess.run([cli, *args], capture_output=True, text=True, cwd=work, env=env)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.endswith(
            f"extra ({_missing(extra)} not installed): pip install 'fr-az-crisis[{extra}]'\n"
        ), result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in work.iterdir()) == [], "a refused command wrote something"
    version = run([cli, "--version"], env=env).stdout
    assert version == f"fr-az-crisis {fr_az_crisis.__version__}\n"
    run([str(py), "-m", "pip", "install", "-q", f"{wheel}[pandas]"], env=env)
    out = run([str(py), "-c", PANDAS], cwd=work, env=env).stdout.split()
    assert out == [str(_offset_claims()), "True", "Int64", "boolean"]


def _missing(extra: str) -> str:
    from fr_az_crisis.extras import MODULES

    return ", ".join(MODULES[extra])  # type: ignore[index]


def _offset_claims() -> int:
    return fr_az_crisis.load("claims")["char_start"].is_not_null().sum()
