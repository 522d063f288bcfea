"""Reading an interchange file as a stream: its top-level members, a list's entries one by one.

A record of 100,000 commitments is a file of about 85 MB; parsed whole, it would take a
gigabyte of memory. This reader holds one entry at a time (and a buffer of about a
megabyte), so an import's memory stays flat whatever the file's size. Every way the file
can be unreadable is still one clear line, naming the line and column (or byte) where
it goes wrong.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from app.core.errors import DomainError
from app.core.files import reading

CHUNK = 1 << 20
VALUE = -1  # a member that is not a list: its value comes whole
LIST = -2  # a member that is a list: its entries follow, numbered from 0
_SPACE = re.compile(r"[ \t\n\r]*")


class RepeatedName(ValueError):
    pass


def unique_names(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's fields as a dict; json.loads would silently keep the last of two."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for name, _value in pairs:
            if name in seen:
                raise RepeatedName(name)
            seen.add(name)
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=unique_names)
Event = tuple[str, int, Any]  # (member name, VALUE, value) | (name, LIST, None) | (name, i, entry)


def not_an_object(path: Path) -> bool:
    """Whether the file's first character is something other than `{` (read no further)."""
    with reading(path) as handle:
        head = handle.read(4096).decode("utf-8-sig", "replace").lstrip(" \t\r\n")
    return not head.startswith("{")


def members(path: Path) -> Iterator[Event]:
    """The top-level object's members in file order; each list's entries one at a time.

    The file must start with `{` (see `not_an_object`). Raises DomainError with one line
    on the first thing that is not JSON, not UTF-8, or a field named twice in one object.
    """
    with reading(path) as handle:
        yield from _Reader(path, handle).members()


class _Reader:
    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path, self.handle = path, handle
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self.bytes_read = 0
        self.lines_before = 0  # newlines in the text dropped from the buffer
        self.column_before = 0  # characters after the last of them

    # --- the buffer ----------------------------------------------------------------------

    def _more(self, at_least: int = CHUNK) -> bool:
        """Append at least `at_least` bytes' worth of text, if any is left; False at the end."""
        if self.eof:
            return False
        text = ""
        while not text and not self.eof:  # a read may end inside a character
            raw = self.handle.read(max(CHUNK, at_least))
            try:
                text = self.decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                byte = self.bytes_read + exc.start
                raise DomainError(f"{self.path}: not UTF-8 text (byte {byte})") from None
            self.bytes_read += len(raw)
            self.eof = not raw
        if not text:
            return False  # (the buffer is left as it was, so positions in it still hold)
        self._drop_consumed()
        self.buffer += text
        return True

    def _drop_consumed(self) -> None:
        gone = self.buffer[: self.pos]
        newlines = gone.count("\n")
        if newlines:
            self.lines_before += newlines
            self.column_before = len(gone) - gone.rfind("\n") - 1
        else:
            self.column_before += len(gone)
        self.buffer = self.buffer[self.pos :]
        self.pos = 0

    def _char(self) -> str:
        """The next character after white space ('' at the end of the file)."""
        while True:
            self.pos = _SPACE.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._more():
                return ""

    def _where(self, pos: int) -> tuple[int, int]:
        """Line and column (from 1) of a buffer position, in the whole file."""
        before = self.buffer[:pos]
        newlines = before.count("\n")
        if newlines:
            return self.lines_before + newlines + 1, pos - before.rfind("\n")
        return self.lines_before + 1, self.column_before + pos + 1

    def _invalid(self, message: str, pos: int | None = None) -> DomainError:
        line, column = self._where(self.pos if pos is None else pos)
        return DomainError(f"{self.path}: not valid JSON (line {line}, column {column}: {message})")

    def _expect(self, wanted: str, message: str) -> None:
        if self._char() != wanted:
            raise self._invalid(message)
        self.pos += 1

    # --- values --------------------------------------------------------------------------

    def _value(self) -> Any:
        """The JSON value at the current position, read whole (more text read as needed)."""
        self._char()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except RepeatedName as exc:
                raise DomainError(
                    f"{self.path}: the field {exc.args[0]!r} appears twice in one object"
                ) from None
            except json.JSONDecodeError as exc:
                # Cut off by the end of the buffer, the value may go on in the text not read
                # yet; an error well before that end is the file's own.
                cut = exc.pos >= len(self.buffer) - 64 or exc.msg.startswith("Unterminated")
                if cut and self._more(len(self.buffer) - self.pos):
                    continue
                raise self._invalid(exc.msg, exc.pos) from None
            except ValueError as exc:  # e.g. a number of more digits than Python converts
                raise DomainError(
                    f"{self.path}: not valid JSON ({' '.join(str(exc).split())})"
                ) from None
            except RecursionError:
                raise DomainError(f"{self.path}: nested too deeply to be a Docket file") from None
            if end == len(self.buffer) and self._more():
                continue  # a number may go on in the text not read yet
            self.pos = end
            return value

    def _name(self) -> str:
        if self._char() != '"':
            raise self._invalid("Expecting property name enclosed in double quotes")
        name = self._value()
        assert isinstance(name, str)
        return name

    # --- the walk ------------------------------------------------------------------------

    def members(self) -> Iterator[Event]:
        self._expect("{", "Expecting value")
        seen: set[str] = set()
        if self._char() == "}":
            self.pos += 1
        else:
            while True:
                name = self._name()
                if name in seen:
                    raise DomainError(
                        f"{self.path}: the field {name!r} appears twice in one object"
                    )
                seen.add(name)
                self._expect(":", "Expecting ':' delimiter")
                if self._char() == "[":
                    self.pos += 1
                    yield name, LIST, None
                    yield from self._entries(name)
                else:
                    yield name, VALUE, self._value()
                following = self._char()
                self.pos += 1
                if following == "}":
                    break
                if following != ",":
                    raise self._invalid("Expecting ',' delimiter", self.pos - 1)
        if self._char():
            raise self._invalid("Extra data")

    def _entries(self, name: str) -> Iterator[Event]:
        if self._char() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            yield name, index, self._value()
            index += 1
            following = self._char()
            self.pos += 1
            if following == "]":
                return
            if following != ",":
                raise self._invalid("Expecting ',' delimiter", self.pos - 1)
