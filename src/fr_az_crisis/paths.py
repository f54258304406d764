"""Locate the data package to read, and read its files without ever leaving it.

The wheel carries the package under ``fr_az_crisis/_data``; a checkout keeps it at the
repository root. ``FR_AZ_CRISIS_PACKAGE`` points elsewhere (a synthetic or broken copy under
test) without touching either. An explicit path may be the folder or its datapackage.json.

Every file of a package is named by a path relative to its folder; ``read_inside`` resolves
that path (symlinks included) and refuses one that ends outside the folder, or that is not a
regular file (a FIFO would block the reader, a device would never end), before a single byte
is read: a package cannot make the validator, the loader or the build read, and so print,
another file of the machine.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fr_az_crisis.definition import project_definition, project_root

ENV_VAR = "FR_AZ_CRISIS_PACKAGE"


class UnsafePath(ValueError):
    """A package path that resolves outside the package or names something not a file.

    ``code`` is the problem code (``path-outside`` or ``not-a-file``); ``rel`` the path as
    the package names it. The message never includes the contents of what it points at.
    """

    def __init__(self, rel: str, code: str, reason: str):
        super().__init__(f"{rel}: {reason}; it is not read")
        self.rel, self.code, self.reason = rel, code, reason


def find_package_dir(package_dir: str | os.PathLike[str] | None = None) -> Path:
    """The package folder: the explicit argument wins, then the env var, then the project's."""
    if package_dir is None and os.environ.get(ENV_VAR):
        package_dir = os.environ[ENV_VAR]
    if package_dir is None:
        return project_root()
    path = Path(package_dir)
    descriptor = project_definition().path("descriptor")
    if path.name == descriptor and path.is_file():
        return path.parent.resolve()
    if path.is_dir():
        return path.resolve()
    raise FileNotFoundError(f"{path}: not a package folder or a {descriptor}")


def resolve_inside(root: Path, rel: str) -> Path:
    """``root / rel`` with every symlink resolved; ``UnsafePath`` when that leaves ``root``.

    The target need not exist (a missing file is the caller's matter, not a safety one).
    """
    base = root.resolve()
    if Path(rel).is_absolute():
        raise UnsafePath(rel, "path-outside", "is an absolute path")
    try:
        target = (base / rel).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise UnsafePath(
            rel, "path-outside", f"cannot be resolved ({exc.__class__.__name__})"
        ) from None
    if not target.is_relative_to(base):
        raise UnsafePath(rel, "path-outside", "resolves outside the package")
    return target


def read_inside(root: Path, rel: str) -> bytes | None:
    """The bytes of the regular file ``root / rel``, None when it is missing.

    Raises ``UnsafePath`` for a path that leaves the package or names a folder, FIFO, socket
    or device. The file is opened without following a last symlink and checked again on the
    open descriptor, so a swap after resolving cannot redirect the read.
    """
    target = resolve_inside(root, rel)
    try:
        fd = os.open(
            target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_BINARY", 0)
        )
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as exc:
        raise UnsafePath(
            rel, "not-a-file", f"cannot be opened as a file ({exc.strerror})"
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(rel, "not-a-file", "is not a regular file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)
