"""Reading an interchange file as JSON: every way it can be unreadable is one clear line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.core.errors import DomainError
from app.core.files import reading


def read_file(path: Path) -> object:
    """Parse a JSON file, turning every way it can be unreadable into one clear message."""
    with reading(path) as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_repeated_names)
    except _RepeatedName as exc:
        raise DomainError(
            f"{path}: the field {exc.args[0]!r} appears twice in one object"
        ) from None
    except json.JSONDecodeError as exc:
        raise DomainError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:  # e.g. a number of more digits than Python converts
        raise DomainError(f"{path}: not valid JSON ({' '.join(str(exc).split())})") from None
    except RecursionError:
        raise DomainError(f"{path}: nested too deeply to be a Docket file") from None


class _RepeatedName(ValueError):
    pass


def _refuse_repeated_names(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would silently keep the last of two same-named fields.
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise _RepeatedName(name)
        result[name] = value
    return result
