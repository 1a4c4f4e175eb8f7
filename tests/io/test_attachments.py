"""Evidence files: size and SHA-256 taken when added, checked later (unchanged, changed, missing)."""

from __future__ import annotations

import hashlib

import pytest

from planner.errors import InvalidInput
from planner.io.attachments import AttachmentState, attachment_for, check_attachment, digest


def test_attachment_for__size_and_digest_of_the_file(tmp_path):
    data = b"recording" * 300_000  # more than one block
    (tmp_path / "录音.m4a").write_bytes(data)
    attachment = attachment_for("录音.m4a", base=tmp_path)
    assert attachment.path == "录音.m4a"
    assert attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert digest(tmp_path / "录音.m4a") == (len(data), attachment.sha256)


def test_check__unchanged_changed_missing(tmp_path):
    path = tmp_path / "shot.png"
    path.write_bytes(b"png")
    attachment = attachment_for(path)
    assert check_attachment(attachment).state is AttachmentState.OK
    path.write_bytes(b"PNG")  # same size, other bytes
    changed = check_attachment(attachment)
    assert changed.state is AttachmentState.CHANGED
    assert changed.sha256 == hashlib.sha256(b"PNG").hexdigest()
    path.unlink()
    assert check_attachment(attachment).state is AttachmentState.MISSING


def test_attachment_for__a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(InvalidInput) as missing:
        attachment_for(tmp_path / "nope.png")
    assert missing.value.code == "bad_file"
    with pytest.raises(InvalidInput) as folder:
        attachment_for(tmp_path)
    assert folder.value.code == "bad_file"
