"""Attached files in the interchange JSON: an `attachments` section, each file in base64.

One file holds the whole record, papers included, so an export is a complete copy and
an import round-trips every file byte for byte (its SHA-256 is checked on the way in).
A file names what it belongs to as `docket attach --to` does: `commitment:KEY`,
`meeting:KEY`, `agenda:MEETING-KEY#N`, `promise:COMMITMENT-KEY#N`, `note:COMMITMENT-KEY#N`.
Private notes and removed files are never exported. The text search reads is pulled
from the bytes again on import, so it is not in the file.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import DomainError
from app.papers.attachments import chunks, store_bytes_from
from app.papers.intake import CHUNK, clean_name
from app.papers.naming import name_of, subject_named
from app.papers.subjects import Subject
from app.papers.text import extract
from app.transfer.interchange import ImportRefused
from app.transfer.interchange_entries import EntryChecks
from db.audit import os_user
from db.models import ATTACHMENT_ROLES, Attachment

SECTION = "attachments"
FIELDS = ("to", "role", "name", "type", "size", "sha256", "added_at", "added_by", "description")
B64_STEP = CHUNK // 3 * 4  # base64 characters that decode to one chunk


def export_section(session: Session) -> list[dict[str, Any]]:
    """Every attached file that has not been removed, oldest first, with its bytes."""
    rows = session.execute(
        select(Attachment).where(Attachment.removed_at.is_(None)).order_by(Attachment.id)
    ).scalars()
    entries = []
    for found in rows:
        subject = Subject.from_ids([getattr(found, c) for c in Subject.columns()])
        content = "".join(
            base64.b64encode(part).decode("ascii") for part in _even(session, found.id)
        )
        entries.append(
            {
                "to": name_of(session, subject),
                "role": found.role,
                "name": found.name,
                "type": found.media_type,
                "size": found.size,
                "sha256": found.sha256,
                "added_at": found.added_at.isoformat(timespec="seconds"),
                "added_by": found.added_by,
                "description": found.description,
                "content": content,
            }
        )
    return entries


def _even(session: Session, attachment_id: int) -> Iterator[bytes]:
    """The bytes in pieces of a multiple of 3, so their base64 texts join into one."""
    carry = b""
    for part in chunks(session, attachment_id):
        data = carry + part
        cut = len(data) - len(data) % 3
        carry = data[cut:]
        yield data[:cut]
    yield carry


def check_entry(entries: EntryChecks, where: str, entry: dict[str, Any]) -> dict[str, Any]:
    """One file's entry checked (fields, name, size and hash of its content, what it names);
    its row for writing. Problems go where the other sections' go."""
    try:
        row, kind, key = _check_entry(entry, where)
    except DomainError as exc:
        entries.check.problems.append(str(exc))
        return {}
    within, what = (
        ("meetings", "meeting") if kind in ("meeting", "agenda") else ("commitments", "commitment")
    )
    entries.known.ref(entries.check, within, key, f"{where}.to", what)
    return row


def _check_entry(entry: dict[str, Any], where: str) -> tuple[dict[str, Any], str, str]:
    for name in ("to", "name", "sha256", "content"):
        if not isinstance(entry.get(name), str) or not entry[name]:
            raise DomainError(f"{where}.{name}: required text")
    try:
        name = clean_name(entry["name"])
    except DomainError as exc:
        raise DomainError(f"{where}.{exc}") from None
    role = entry.get("role") or "paper"
    if role not in ATTACHMENT_ROLES:
        raise DomainError(f"{where}.role: {role!r} is not one of {', '.join(ATTACHMENT_ROLES)}")
    kind, _, rest = entry["to"].partition(":")
    key = rest.rpartition("#")[0] if kind in ("agenda", "promise", "note") else rest
    if kind not in ("meeting", "commitment", "agenda", "promise", "note") or not key:
        raise DomainError(
            f"{where}.to: {entry['to']!r} is not meeting:KEY, commitment:KEY, agenda:KEY#N,"
            " promise:KEY#N or note:KEY#N"
        )
    if role == "evidence" and kind != "commitment":
        raise DomainError(f"{where}.role: only a commitment takes evidence")
    size, digest = _measure(entry["content"], where)
    if entry.get("size") not in (None, size):
        raise DomainError(
            f"{where}.size: {entry.get('size')!r}, but the content holds {size} bytes"
        )
    if digest != entry["sha256"].lower():
        raise DomainError(f"{where}.sha256: the content's hash is {digest}, not {entry['sha256']}")
    added = entry.get("added_at")
    try:
        added_at = dt.datetime.fromisoformat(added) if isinstance(added, str) else None
    except ValueError:
        raise DomainError(f"{where}.added_at: {added!r} is not a date and time") from None
    row = {
        "to": entry["to"],
        "role": role,
        "name": name,
        "media_type": str(entry.get("type") or "application/octet-stream")[:120],
        "size": size,
        "sha256": digest,
        "added_at": (added_at or dt.datetime(2000, 1, 1)).replace(tzinfo=None, microsecond=0),
        "added_by": str(entry.get("added_by") or "")[:200],
        "description": str(entry.get("description") or ""),
        "content": entry["content"],
    }
    return row, kind, key


def _decoded(content: str, where: str) -> Iterator[bytes]:
    for start in range(0, len(content), B64_STEP):
        try:
            yield base64.b64decode(content[start : start + B64_STEP], validate=True)
        except (binascii.Error, ValueError):
            raise DomainError(f"{where}.content: not base64") from None


def _measure(content: str, where: str) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    for part in _decoded(content, where):
        digest.update(part)
        size += len(part)
    return size, digest.hexdigest()


def write_section(session: Session, planned: Iterable[dict[str, Any]]) -> None:
    """Store each planned file in the caller's transaction (its records already written)."""
    for index, entry in enumerate(planned):
        where = f"{SECTION}[{index}]"
        try:
            subject = subject_named(session, entry["to"])
        except DomainError as exc:  # a #N past the end of a ledger or an agenda
            raise ImportRefused([f"{where}.to: {exc}"]) from None
        with tempfile.TemporaryDirectory(prefix="docket-import-") as folder:
            path = Path(folder) / "file"
            with path.open("wb") as handle:
                for part in _decoded(entry["content"], where):
                    handle.write(part)
            extracted = extract(path, entry["media_type"])
            found = Attachment(
                **{subject.column: subject.id},
                role=entry["role"],
                name=entry["name"],
                media_type=entry["media_type"],
                size=entry["size"],
                sha256=entry["sha256"],
                added_at=entry["added_at"],
                added_by=entry["added_by"] or os_user(),
                description=entry["description"],
                text=extracted.text,
                text_status=extracted.status,
            )
            session.add(found)
            session.flush()
            with path.open("rb") as handle:
                store_bytes_from(session, found.id, iter(lambda: handle.read(CHUNK), b""))
