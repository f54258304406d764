"""Crash-safe publishing: a build killed at any moment leaves the old package or the new one,
or a journal from which the next build finishes the new one; no staging survives that build.

Kills are real: a subprocess receives SIGKILL.

- Step sweep: the publication of a staged package, killed before each file operation it
  makes (renames, deletions), and after the last one; then the publication killed at each
  step of its own recovery.
- Time sweep: the whole build (``scripts/build.py``'s code) killed after a delay, for delays
  spread over its run. ``FR_AZ_CRISIS_KILL_SWEEP=N`` sets the number of delays (default 8).

After every kill the published files are all old, all new, or the journal is there (and then
``validate`` says ``publish-interrupted`` and ``load()`` refuses); after the next build they
are all new, valid, and the publishing folder is gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_project
from curated_corpus import edit

import fr_az_crisis
from fr_az_crisis.definition import project_definition
from fr_az_crisis.loader import IntegrityError
from fr_az_crisis.publishing_state import JOURNAL
from fr_az_crisis.validation import validate
from fr_az_crisis_build import build as build_script
from fr_az_crisis_build import publishing

DEF = project_definition()
FOLDER = DEF.path("publishing")
PUBLISHED = [
    *(DEF.schema_path(t) for t in DEF.tables),
    *(DEF.table_path(t) for t in DEF.tables),
    DEF.path("descriptor"),
]
STEP_CHILD = """
import importlib.util, json, os, shutil, signal, sys, types
from pathlib import Path

# The real publishing code, without the package's __init__ (which imports polars): each
# of the sweep's kills then costs a bare interpreter start.
package = types.ModuleType("fr_az_crisis")
package.__path__ = importlib.util.find_spec("fr_az_crisis").submodule_search_locations
sys.modules["fr_az_crisis"] = package

root, kill_at, folder, action = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
count = 0


def counted(operation):
    def step(*args, **kwargs):
        global count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return operation(*args, **kwargs)

    return step


os.replace, os.unlink, os.rename = counted(os.replace), counted(os.unlink), counted(os.rename)
shutil.rmtree = counted(shutil.rmtree)
from fr_az_crisis_build import publishing

if action == "publish":
    publishing.publish(root, folder, json.loads(sys.argv[5]), sys.argv[6])
else:
    publishing.prepare(root, folder)
print(count)
"""


def digest(root: Path) -> dict[str, str | None]:
    return {
        rel: hashlib.sha256((root / rel).read_bytes()).hexdigest()
        if (root / rel).is_file()
        else None
        for rel in PUBLISHED
    }


def change_sources(project: Path) -> None:
    """An edit that changes three tables and the descriptor: old and new differ. (Not the
    schemas: the checkout's definition must stay the one the copies are validated with.)"""
    edit(project, "data/curated/places.yaml", "name: Granada,", "name: Granada (Spain),")
    edit(project, "data/curated/events.yaml", "A ceasefire ended", "A ceasefire stopped")
    edit(
        project, "data/curated/actors.yaml", "The French Republic.", "The French Republic (France)."
    )
    edit(
        project,
        "data/curated/package.yaml",
        "title: France–Azerbaijan",
        "title: The France–Azerbaijan",
    )


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A project before an edit (old), the published digest after rebuilding it (new)."""
    base = tmp_path_factory.mktemp("publishing")
    old = copy_project(base / "old")
    change_sources(old)
    old_digest = digest(old)
    new = base / "new"
    shutil.copytree(old, new)
    assert build_script.build(new) == 0
    new_digest = digest(new)
    changed = [p for p in PUBLISHED if old_digest[p] != new_digest[p]]
    assert len(changed) >= 4, changed
    return {"old": old, "old_digest": old_digest, "new_digest": new_digest, "base": base}


def assert_whole_or_journaled(root: Path, states: dict, *, readers: bool = False) -> str:
    """The state a kill left: 'old', 'new' or 'interrupted' (journal present). With
    ``readers``, also that the validator and the loader say so of an interrupted one."""
    now = digest(root)
    if (root / FOLDER / JOURNAL).exists():
        if readers:
            report = validate(root, reference=False)
            assert "publish-interrupted" in {p.code for p in report.problems}
            with pytest.raises(IntegrityError, match="a build was stopped while publishing"):
                fr_az_crisis.load("events", package_dir=root)
        return "interrupted"
    if now == states["old_digest"]:
        return "old"
    assert now == states["new_digest"], "a kill left a mix of old and new files without a journal"
    return "new"


def assert_new_and_clean(root: Path, states: dict, *, readers: bool = False) -> None:
    """All new files, no publishing folder; with ``readers``, every table loads verified."""
    assert digest(root) == states["new_digest"]
    assert not (root / FOLDER).exists(), "publishing leftovers survived"
    for name in DEF.tables if readers else ():
        fr_az_crisis.load(name, package_dir=root)  # verified against the descriptor


def state_is_new(seen: set[str], root: Path) -> bool:
    """Ask the validator and the loader about the first interrupted state only (each costs
    a validation; the sweep's point is the files)."""
    return "interrupted" not in seen and (root / FOLDER / JOURNAL).exists()


def run_step_child(
    root: Path, kill_at: int, action: str, extra: list[str]
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", STEP_CHILD, str(root), str(kill_at), FOLDER, action, *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def staged(states: dict) -> tuple[Path, list[str]]:
    """The old project with the new package staged and validated, ready to publish."""
    root = states["base"] / "staged"  # type: ignore[operator]
    shutil.copytree(states["old"], root)  # type: ignore[arg-type]
    publishing.prepare(root, FOLDER)
    result = build_script.stage(root, publishing.staging_folder(root, FOLDER))
    assert validate(publishing.staging_folder(root, FOLDER), reference=False).ok
    return root, result.published


def test_publishing_killed_before_each_step_leaves_a_whole_package(
    states: dict, staged: tuple[Path, list[str]], tmp_path: Path
) -> None:
    template, paths = staged
    extra = [json.dumps(paths), DEF.path("descriptor")]
    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    done = run_step_child(probe, 0, "publish", extra)
    steps = int(done.stdout)
    assert steps >= len(paths) + 3, done.stderr  # the journal, each file, its deletion, staging
    assert_new_and_clean(probe, states)
    seen = set()
    for kill_at in range(1, steps + 2):  # steps + 1: killed after the last step
        root = tmp_path / f"k{kill_at}"
        shutil.copytree(template, root)
        result = run_step_child(root, kill_at, "publish", extra)
        assert result.returncode == (-9 if kill_at <= steps else 0), result.stderr
        state = assert_whole_or_journaled(root, states, readers=state_is_new(seen, root))
        seen.add(state)
        # what the next build does first: finish a journaled publication, drop the rest
        assert publishing.prepare(root, FOLDER) == (state == "interrupted")
        publishing.discard(root, FOLDER)
        assert not (root / FOLDER).exists(), "publishing leftovers survived"
        if state == "old":  # killed before the journal: nothing was published
            assert kill_at == 1 and digest(root) == states["old_digest"]
        else:
            assert_new_and_clean(root, states, readers=kill_at == steps // 2)
    assert seen == {"old", "interrupted", "new"}
    print(f"\nstep sweep: {steps + 1} kill points in publishing")


def test_a_recovery_killed_at_each_step_is_finished_by_the_next(
    states: dict, staged: tuple[Path, list[str]], tmp_path: Path
) -> None:
    template, paths = staged
    extra = [json.dumps(paths), DEF.path("descriptor")]
    half = tmp_path / "half"
    shutil.copytree(template, half)
    killed = run_step_child(half, len(paths) // 2, "publish", extra)
    assert killed.returncode == -9
    assert assert_whole_or_journaled(half, states, readers=True) == "interrupted"
    steps = int(run_step_child(shutil.copytree(half, tmp_path / "probe"), 0, "recover", []).stdout)
    print(f"\nrecovery sweep: {steps} kill points in recovery")
    for kill_at in range(1, steps + 1):
        root = shutil.copytree(half, tmp_path / f"r{kill_at}")
        assert run_step_child(root, kill_at, "recover", []).returncode == -9
        assert assert_whole_or_journaled(root, states) in {"interrupted", "new"}
        publishing.prepare(root, FOLDER)
        publishing.discard(root, FOLDER)
        assert_new_and_clean(root, states)


def test_the_build_killed_at_any_time_is_repaired_by_the_next(
    states: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    points = int(os.environ.get("FR_AZ_CRISIS_KILL_SWEEP", "8"))
    command = [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; "
        "from fr_az_crisis_build.build import build; sys.exit(build(Path(sys.argv[1])))",
    ]
    probe = shutil.copytree(states["old"], tmp_path / "probe")  # type: ignore[arg-type]
    start = time.monotonic()
    assert subprocess.run([*command, str(probe)], capture_output=True, timeout=120).returncode == 0
    duration = time.monotonic() - start
    seen: dict[str, int] = {}
    for i in range(points):
        root = shutil.copytree(states["old"], tmp_path / f"t{i}")  # type: ignore[arg-type]
        proc = subprocess.Popen(
            [*command, str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * (i + 0.5) / points)
        proc.kill()
        proc.wait(timeout=60)
        state = assert_whole_or_journaled(root, states)
        seen[state] = seen.get(state, 0) + 1
        assert build_script.build(root) == 0, capsys.readouterr().err
        assert_new_and_clean(root, states)
        assert validate(root, reference=False).ok
    capsys.readouterr()
    assert sum(seen.values()) == points
    with capsys.disabled():  # shown with -s: where the kills landed
        print(f"\ntime sweep: {points} kills over {duration:.2f} s left {seen}")


def test_a_concurrent_build_is_refused_while_one_holds_the_lock(project_copy: Path, capsys) -> None:
    with publishing.build_lock(project_copy):
        assert build_script.build(project_copy) == 1
    assert "another build is running" in capsys.readouterr().err
    assert build_script.build(project_copy) == 0


def test_a_journal_that_cannot_be_read_stops_the_build(project_copy: Path, capsys) -> None:
    (project_copy / FOLDER).mkdir()
    (project_copy / FOLDER / JOURNAL).write_text('{"files": [', encoding="utf-8")
    before = digest(project_copy)
    assert build_script.build(project_copy) == 1
    err = capsys.readouterr().err
    assert "journal cannot be read" in err and "restore the published files" in err
    assert digest(project_copy) == before
