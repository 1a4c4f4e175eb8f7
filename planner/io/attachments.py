"""Evidence files of the conduct log: taken by path with their size and SHA-256, never moved or changed.

:func:`attachment_for` reads a file once, in blocks (a 1 GB recording is not held in memory), and returns the
:class:`~planner.domain.conduct.Attachment` to keep in the case; :func:`check_attachment` reads it again later and
says whether it is still there and unchanged. Paths are kept as given (relative ones are resolved against the case
file's folder by the caller that passes ``base``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from planner.domain.conduct import Attachment
from planner.errors import InvalidInput, file_error, os_error

BLOCK = 1024 * 1024


class AttachmentState(StrEnum):
    """What became of an evidence file since it was logged."""

    OK = "ok"
    MISSING = "missing"
    CHANGED = "changed"  # another size or another SHA-256


@dataclass(frozen=True, slots=True)
class AttachmentCheck:
    """An attachment checked against its file: the state, and the size and digest found (None when missing)."""

    attachment: Attachment
    state: AttachmentState
    size: int | None = None
    sha256: str | None = None


def resolve(path: str, base: str | os.PathLike[str] | None = None) -> Path:
    """Return the file an attachment's path names: as given when absolute, else under ``base``."""
    target = Path(path).expanduser()
    return target if target.is_absolute() or base is None else Path(base) / target


def digest(path: str | os.PathLike[str]) -> tuple[int, str]:
    """Return the size and SHA-256 of a file, read in 1 MB blocks.

    Raises:
        InvalidInput: ``bad_file`` when the file cannot be read (missing, a folder, no permission).
    """
    target = Path(path)
    if target.is_dir():
        raise file_error(str(target), "is_folder", example=str(target / "录音.m4a"))
    hasher = hashlib.sha256()
    size = 0
    try:
        with target.open("rb") as stream:
            while block := stream.read(BLOCK):
                hasher.update(block)
                size += len(block)
    except OSError as err:
        raise os_error(str(target), err) from err
    return size, hasher.hexdigest()


def attachment_for(path: str | os.PathLike[str], *, base: str | os.PathLike[str] | None = None) -> Attachment:
    """Return the attachment of the file at ``path`` (kept as written; read under ``base`` when relative).

    Raises:
        InvalidInput: ``bad_file`` when the file cannot be read.
    """
    written = str(path).strip()
    if not written:
        raise InvalidInput("attachments", "required", path)
    size, sha = digest(resolve(written, base))
    return Attachment(written, size, sha)


def check_attachment(attachment: Attachment, *, base: str | os.PathLike[str] | None = None) -> AttachmentCheck:
    """Return whether the attachment's file is still there with the size and SHA-256 it had when logged."""
    target = resolve(attachment.path, base)
    if not target.is_file():
        return AttachmentCheck(attachment, AttachmentState.MISSING)
    try:
        size, sha = digest(target)
    except InvalidInput:
        return AttachmentCheck(attachment, AttachmentState.MISSING)
    same = size == attachment.size and sha == attachment.sha256
    return AttachmentCheck(attachment, AttachmentState.OK if same else AttachmentState.CHANGED, size, sha)
