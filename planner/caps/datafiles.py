"""The packaged legal data files (``planner/caps/data``) and users' own copies: one reader for both."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from planner.dates import parse_date
from planner.errors import InvalidInput, file_error, os_error

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


# --------------------------------------------------------------------------------------------------------------
# Reading the JSON data files: one shape of error for every file and field.

OBJECT_NEEDED = {"reason": "json_object_needed"}


def json_document(text: str, name: str) -> Any:
    """Return the parsed JSON of data file ``name``.

    Raises:
        InvalidInput: ``not_json_data`` with the line and column of the mistake.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise file_error(name, "not_json_data", line=err.lineno, column=err.colno, detail=err.msg) from None


def json_items(document: Any, key: str, name: str, parse: Callable[[Any], _T], *, required: bool = True) -> list[_T]:
    """Return ``parse(item)`` for every item of the list ``document[key]`` (or ``document`` itself when it is a list
    and ``key`` is the file's main list); a bad item's error is located as ``"<file> key[i]"``.

    Raises:
        InvalidInput: ``empty`` when ``required`` and there are no items, ``bad_file`` when ``key`` is no list, or
        the item's own error.
    """
    if isinstance(document, dict):
        items = document.get(key, None if required else [])
    else:  # a bare list is the file's main (required) list; it has none of the others
        items = document if required else []
    if required and (not isinstance(items, list) or not items):
        raise InvalidInput(key, "empty", None, where=name)
    if not isinstance(items, list):
        raise InvalidInput(key, "bad_file", items, params=OBJECT_NEEDED, where=name)
    parsed = []
    for index, item in enumerate(items):
        try:
            parsed.append(parse(item))
        except InvalidInput as err:
            where = f"{name} {key}[{index}]"
            raise err.at(where) from None
    return parsed


def required_text(item: dict[str, Any], key: str) -> str:
    """Return the non-blank text ``item[key]``, stripped (``required`` when missing or blank)."""
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(key, "required", value)
    return value.strip()


def date_range(value: Any, key: str) -> tuple[date | None, date | None]:
    """Return the inclusive ``{"from": …, "to": …}`` range ``value`` (None: open-ended; a missing range is open)."""
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise InvalidInput(key, "bad_file", value, params=OBJECT_NEEDED)
    from_field, to_field = f"{key}.from", f"{key}.to"
    low = None if value.get("from") is None else parse_date(value["from"], field=from_field)
    high = None if value.get("to") is None else parse_date(value["to"], field=to_field)
    if low and high and high < low:
        raise InvalidInput(to_field, "date_order", high.isoformat(), params={"other": from_field})
    return low, high
