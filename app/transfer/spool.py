"""Checked rows kept on disk between checking a file and writing it: one file a section.

Checking reads the file once; the rows it made are pickled here in batches, so writing
needs neither a second read of the file nor the whole record in memory, and writes the
sections in the order their references need, whatever order the file gave them in.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from app.transfer.inserts import Batch, text_size

Row = dict[str, Any]


class Spool:
    """Rows by section, written a batch at a time and read back in the same batches."""

    def __init__(self) -> None:
        self._files: dict[str, IO[bytes]] = {}
        self._batches: dict[str, Batch[Row]] = {}

    def add(self, section: str, row: Row) -> None:
        batch = self._batches.setdefault(section, Batch())
        if batch.add(row, text_size(row)):
            self._dump(section, batch.take())

    def _dump(self, section: str, rows: list[Row]) -> None:
        if section not in self._files:
            # Deleted when closed (or when the process ends), whatever happens meanwhile.
            self._files[section] = tempfile.TemporaryFile(prefix="docket-import-")  # noqa: SIM115
        pickle.dump(rows, self._files[section], protocol=pickle.HIGHEST_PROTOCOL)

    def batches(self, section: str) -> Iterator[list[Row]]:
        """The section's rows, in the order they were added, a batch at a time."""
        batch = self._batches.pop(section, None)
        if batch is not None and batch.rows:
            self._dump(section, batch.take())
        file = self._files.get(section)
        if file is None:
            return
        file.seek(0)
        while True:
            try:
                yield pickle.load(file)
            except EOFError:
                return

    def close(self) -> None:
        for file in self._files.values():
            file.close()
        self._files.clear()
        self._batches.clear()
