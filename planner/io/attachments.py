"""Evidence files of the conduct log: taken by path with their size and SHA-256, never moved or changed.

:func:`attachment_for` reads a file once, in blocks (a 1 GB recording is not held in memory), and returns the
:class:`~planner.domain.conduct.Attachment` to keep in the case; :func:`check_attachment` reads it again later and
says whether it is still there and unchanged. Paths are kept as given (relative ones are resolved against the case
file's folder by the caller that passes ``base``). :func:`store_upload` keeps the bytes of a file uploaded in the
app in a folder beside the case file, never writing over a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
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


def _safe_name(name: str) -> str:
    """Return an uploaded file's own name made safe as a file name: no folder part, no characters Windows or a
    shell refuses; ``upload`` when nothing is left."""
    base = Path(str(name).replace("\\", "/")).name.strip().lstrip(".")
    cleaned = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in base).strip()
    return cleaned[:120] or "upload"


def store_upload(content: bytes, name: str, folder: str | os.PathLike[str]) -> Path:
    """Keep the bytes of an uploaded evidence file in ``folder`` (created when missing); return the file's path.

    Nothing is ever written over: a file of that name holding the same bytes is the one returned (an upload made
    twice is kept once); another file of that name gives ``name-2.ext``, ``name-3.ext`` … The bytes are written to
    a temporary file in ``folder`` first and linked to their name only once complete, so a name never holds half a
    file.

    Raises:
        InvalidInput: ``cannot_write`` when the folder cannot be made or written.
    """
    target_folder = Path(folder)
    safe = Path(_safe_name(name))
    stem, suffix = safe.stem or "upload", safe.suffix
    sha = hashlib.sha256(content).hexdigest()
    try:
        target_folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".upload-", dir=target_folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            number = 1
            while True:
                candidate = target_folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
                if candidate.is_file() and digest(candidate) == (len(content), sha):
                    return candidate
                if not candidate.exists():
                    try:
                        os.link(temporary, candidate)  # fails, never overwrites, when the name was taken meanwhile
                    except FileExistsError:
                        continue
                    return candidate
                number += 1
        finally:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
    except OSError as err:
        raise os_error(str(target_folder), err, writing=True) from err
