"""The package is typed for its users: mypy --strict catches a misspelled table name.

``py.typed`` ships, ``TableName`` is a ``Literal`` of the declared tables, and ``load`` is
overloaded by backend, so a user's script gets precise return types (polars or pandas) and a
typo in a table name is an error before the script runs. mypy reads the installed package
(the editable install of the checkout here, the wheel in a user's environment).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

USER_SCRIPT = textwrap.dedent(
    """\
    import fr_az_crisis

    claims = fr_az_crisis.load("claim")
    events = fr_az_crisis.load("events", backend="pandas")
    reveal_type(events)
    reveal_type(fr_az_crisis.load("events"))
    reveal_type(fr_az_crisis.timeline())
    reveal_type(fr_az_crisis.discrepancies())
    reveal_type(fr_az_crisis.load_all(backend="pandas")["claims"])
    """
)


def test_mypy_strict_flags_a_misspelled_table_name(tmp_path: Path) -> None:
    script = tmp_path / "analysis.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(ROOT / ".make" / "mypy-user"),
            script.name,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = result.stdout.splitlines()
    errors = [line for line in lines if ": error:" in line]
    assert errors == [
        'analysis.py:3: error: No overload variant of "load" matches argument type "str"  '
        "[call-overload]"
    ], result.stdout
    variants = [line for line in lines if "note:     def load(table: Literal[" in line]
    assert len(variants) == 2 and all("'claims'" in v for v in variants)
    revealed = [line.split("Revealed type is ")[1] for line in lines if "Revealed type" in line]
    assert revealed == [
        '"pandas.core.frame.DataFrame"',
        '"polars.dataframe.frame.DataFrame"',
        '"polars.dataframe.frame.DataFrame"',
        '"polars.dataframe.frame.DataFrame"',
        '"pandas.core.frame.DataFrame"',
    ]
    assert result.returncode == 1
