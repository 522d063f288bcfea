"""The real print queue the printing tests use: CUPS with its PDF printer named PDF."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

import pytest


def cups_pdf_folder() -> Path:
    """Where cups-pdf really writes: its `Out` setting, with ${HOME} the job owner's login home.

    The login home comes from the password database, not $HOME, which tests point into tmp.
    """
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip().startswith("Out "):
                out = line.split(None, 1)[1].strip()
    account = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", account.pw_dir).replace("${USER}", account.pw_name))


def require_pdf_printer() -> None:
    """Skip without the PDF queue here; under CI, whose .ci/run sets it up, fail instead."""
    found = shutil.which("lpstat") and (
        subprocess.run(["lpstat", "-p", "PDF"], capture_output=True).returncode == 0
    )
    if not found:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the CUPS PDF printer (see .ci/run)")
        pytest.skip("no CUPS printer named PDF here")


def printed_pdfs() -> set[Path]:
    out = cups_pdf_folder()
    return set(out.glob("*.pdf")) if out.exists() else set()


def wait_for_printed(before: set[Path], timeout: float = 60) -> Path:
    """The PDF the queue wrote after `before` was taken (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = [p for p in printed_pdfs() - before if p.stat().st_size]
        if new:
            time.sleep(0.3)  # cups-pdf renames into place; let the last write land
            return new[0]
        time.sleep(0.3)
    raise AssertionError(f"cups-pdf wrote no file in {cups_pdf_folder()}")
