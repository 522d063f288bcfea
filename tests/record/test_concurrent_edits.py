"""Two members editing the same records at once lose nothing: every accepted edit is in
the final record or was superseded by a later accepted one, every refused one was told.

Two processes each make 250 edits (500 in all) to the same three commitments and the
same meeting, each from a form filled a moment earlier (so many are stale), at random.
Each process logs what it tried and whether it was accepted (with the version it made)
or refused with EditConflict. Runs on SQLite and, with DOCKET_TEST_POSTGRES, PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from app.record.commitments import commitment_fields
from app.record.meetings import meeting_fields
from app.record.versions import version_of
from app.safety.opening import Database
from db.models import Commitment, Meeting
from tests.builders import id_of

EDITS_EACH = 250
WORKER = r"""
import json, random, sys, time
from dataclasses import replace
from sqlalchemy.engine import make_url
from app.core.errors import DomainError
from app.record.commitments import commitment_fields, update_commitment
from app.record.meetings import meeting_fields, update_meeting
from app.record.versions import EditConflict, version_of
from app.safety.opening import open_database
from db.models import Commitment, Meeting

url, name, seed, edits, ids, meeting = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5]), int(sys.argv[6])
db = open_database(make_url(url), create=False)
rng = random.Random(seed)
log = []
for n in range(edits):
    mark = f"{name}-{n}"
    if rng.random() < 0.8:
        target = rng.choice(ids)
        version = version_of(db.sessions, Commitment, target, "commitment")
        form = commitment_fields(db.sessions, target)
        time.sleep(rng.random() * 0.004)  # the member types
        try:
            update_commitment(db.sessions, target, replace(form, details=mark), expected_version=version)
            log.append(["commitment", target, mark, "accepted", version + 1])
        except EditConflict:
            log.append(["commitment", target, mark, "refused", None])
        except DomainError as exc:  # the race net: refused, and said so
            log.append(["commitment", target, mark, "refused:" + str(exc)[:40], None])
    else:
        version = version_of(db.sessions, Meeting, meeting, "meeting")
        form = meeting_fields(db.sessions, meeting)
        time.sleep(rng.random() * 0.004)
        try:
            update_meeting(db.sessions, meeting, replace(form, notes=mark), expected_version=version)
            log.append(["meeting", meeting, mark, "accepted", version + 1])
        except EditConflict:
            log.append(["meeting", meeting, mark, "refused", None])
        except DomainError as exc:
            log.append(["meeting", meeting, mark, "refused:" + str(exc)[:40], None])
db.close()
print(json.dumps(log))
"""


def test_two_members_editing_at_once_lose_no_update(sample_db: Database, tmp_path: Path) -> None:
    ids = [
        id_of(sample_db, Commitment, k)
        for k in ("forde-report", "forde-chair-visit", "trainee-organisers")
    ]
    meeting = id_of(sample_db, Meeting, "nec-2022-03-29")
    url = sample_db.url.render_as_string(hide_password=False)
    env = {**os.environ, "DOCKET_BACKUP_DIR": str(tmp_path / "backups")}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                url,
                name,
                str(seed),
                str(EDITS_EACH),
                json.dumps(ids),
                str(meeting),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, seed in (("alice", 1), ("bob", 2))
    ]
    logs = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        logs.extend(json.loads(out))
    assert len(logs) == 2 * EDITS_EACH
    accepted: dict[tuple[str, int], dict[int, str]] = defaultdict(dict)
    for kind, record, mark, outcome, version in logs:
        assert outcome.startswith(("accepted", "refused")), outcome  # every edit was answered
        if outcome == "accepted":
            versions = accepted[(kind, record)]
            assert version not in versions, f"two accepted edits made version {version}"
            versions[version] = mark
    refused = sum(1 for entry in logs if entry[3] != "accepted")
    assert refused > 0, "the edits should have collided"
    assert len(logs) - refused > 50, "most edits should have gone through"
    for (kind, record), versions in accepted.items():
        model, read = (
            (Commitment, commitment_fields) if kind == "commitment" else (Meeting, meeting_fields)
        )
        final_version = version_of(sample_db.sessions, model, record, kind)
        # Each accepted edit made the next version (the sample starts at 1): none was
        # written over unseen, and nothing else wrote.
        assert sorted(versions) == list(range(2, final_version + 1))
        newest = versions[max(versions)]
        fields = read(sample_db.sessions, record)
        assert (fields.details if kind == "commitment" else fields.notes) == newest  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", ["commitment", "meeting"])
def test_a_stale_form_is_refused_naming_who_and_both_sides(sample_db: Database, kind: str) -> None:
    from dataclasses import replace

    from app.record.commitments import update_commitment
    from app.record.meetings import update_meeting
    from app.record.versions import EditConflict

    if kind == "commitment":
        record = id_of(sample_db, Commitment, "forde-report")
        version = version_of(sample_db.sessions, Commitment, record, kind)
        form = commitment_fields(sample_db.sessions, record)
        update_commitment(
            sample_db.sessions,
            record,
            replace(form, title="Forde Report, published"),
            expected_version=version,
        )
        with pytest.raises(EditConflict) as conflict:
            update_commitment(
                sample_db.sessions, record, replace(form, details="mine"), expected_version=version
            )
        assert conflict.value.theirs["Title"] == "Forde Report, published"
        assert commitment_fields(sample_db.sessions, record).details != "mine"
    else:
        record = id_of(sample_db, Meeting, "nec-2022-03-29")
        version = version_of(sample_db.sessions, Meeting, record, kind)
        form = meeting_fields(sample_db.sessions, record)
        update_meeting(
            sample_db.sessions,
            record,
            replace(form, location="Southside"),
            expected_version=version,
        )
        with pytest.raises(EditConflict) as conflict:
            update_meeting(
                sample_db.sessions, record, replace(form, notes="mine"), expected_version=version
            )
        assert conflict.value.theirs["Location"] == "Southside"
    assert conflict.value.version == version + 1
    assert conflict.value.by  # who changed it
    assert "while you were editing it; nothing was saved" in str(conflict.value)
