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


def test_store_upload__never_writes_over_a_file(tmp_path):
    """Same name and bytes: the file there; same name, other bytes: name-2; the folder part of a name is dropped."""
    from planner.io.attachments import store_upload

    folder = tmp_path / "case-evidence"
    first = store_upload(b"one", "shot.png", folder)
    assert first == folder / "shot.png"
    assert store_upload(b"one", "shot.png", folder) == first
    assert store_upload(b"two", "shot.png", folder) == folder / "shot-2.png"
    assert store_upload(b"three", "../../shot.png", folder) == folder / "shot-3.png"
    assert store_upload(b"x", 'a<b>:c?.txt', folder).name == "a_b__c_.txt"
    assert sorted(p.name for p in folder.iterdir()) == ["a_b__c_.txt", "shot-2.png", "shot-3.png", "shot.png"]
    assert (folder / "shot.png").read_bytes() == b"one"
    assert not [p for p in folder.iterdir() if p.name.startswith(".upload-")]  # no temporary file left


def test_store_upload__a_folder_that_cannot_be_made_is_refused(tmp_path):
    from planner.io.attachments import store_upload

    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(InvalidInput) as info:
        store_upload(b"x", "a.png", tmp_path / "file" / "sub")
    assert info.value.code == "cannot_write"
