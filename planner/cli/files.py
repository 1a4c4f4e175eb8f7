"""The files the commands write: one check of an output path for every command."""

from __future__ import annotations

from pathlib import Path

from planner.errors import InvalidInput, file_error


def output_path(path: str, *, suffix: str, content: str, example: str, force: bool,
                exists: str = "file_exists") -> Path:
    """Return the file a command is to write, refusing a folder (``example`` names a file in it), a name not
    ending in ``suffix`` (``content`` says what the file holds), and an existing file without ``--force``
    (rule ``exists``)."""
    target = Path(path)
    if target.is_dir():
        raise file_error(path, "is_folder", code="cannot_write", example=str(target / f"{example}{suffix}"))
    if target.suffix.lower() != suffix:
        raise file_error(path, "wrong_suffix", code="cannot_write", suffix=target.suffix or "—", content=content,
                         ending=suffix, example=str(target.with_suffix(suffix)))
    if not force and target.exists():
        raise InvalidInput("file", exists, path)
    return target
