"""The packaged legal data files (``planner/caps/data``) and users' own copies: one reader for both."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar, cast

from planner.errors import file_error, os_error

_T = TypeVar("_T")


def load_data_file(path: str | Path | None, package_file: str, parse: Callable[[str, str], _T]) -> _T:
    """Parse ``path`` with ``parse(text, name)``, or the package's data file (read once per process) when ``path`` is None."""
    if path is None:
        return cast(_T, _package_data(package_file, parse))
    file = Path(path)  # a user's copy: parsed on every call
    return parse(_read_text(file), file.name)


@cache
def _package_data(package_file: str, parse: Callable[[str, str], _T]) -> _T:
    text = resources.files("planner.caps").joinpath("data", package_file).read_text(encoding="utf-8")
    return parse(text, package_file)


def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise os_error(str(file), err) from None
    except UnicodeDecodeError:
        raise file_error(str(file), "not_utf8") from None
