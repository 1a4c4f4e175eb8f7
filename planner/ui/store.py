"""What the app keeps between changes: the undo history and the case file it saves to (no widgets here).

Cases are immutable values, so undo keeps the previous values themselves (:class:`History`, the last 50), never a
diff. :class:`CaseStore` saves through :mod:`planner.io.casefile` (atomic, the previous version kept as
``NAME.bak``): after each change it waits :data:`AUTOSAVE_DELAY` seconds for more changes, then writes the latest
case once (a drag of a slider is one save, not twenty). A file that cannot be read — corrupt, or written by a
newer planner — is never written over: the store keeps it read-only and says so, and the user saves elsewhere.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.domain.case import Case
from planner.errors import InvalidInput, file_error
from planner.io.casefile import load_case, write_case

MAX_UNDO = 50
AUTOSAVE_DELAY = 0.5  # seconds


class History:
    """Undo and redo over immutable cases: :meth:`push` the value before each change."""

    def __init__(self, limit: int = MAX_UNDO) -> None:
        self.limit = limit
        self._undo: list[Case] = []
        self._redo: list[Case] = []

    @property
    def can_undo(self) -> bool:
        """Return True when a change can be undone."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Return True when an undone change can be made again."""
        return bool(self._redo)

    def push(self, before: Case) -> None:
        """Record ``before``, the case as it was before a change (a new change clears what could be redone)."""
        self._undo = [*self._undo, before][-self.limit :]
        self._redo = []

    def undo(self, current: Case) -> Case | None:
        """Return the case before the last change (``current`` becomes redoable), or None."""
        if not self._undo:
            return None
        self._redo.append(current)
        return self._undo.pop()

    def redo(self, current: Case) -> Case | None:
        """Return the case the last undo went back from, or None."""
        if not self._redo:
            return None
        self._undo.append(current)
        return self._redo.pop()

    def clear(self) -> None:
        """Forget every change (after opening another case)."""
        self._undo, self._redo = [], []


@dataclass(frozen=True, slots=True)
class Opened:
    """The result of :meth:`CaseStore.open`: the case read (None when it could not be), and the error."""

    case: Case | None
    error: InvalidInput | None = None
    created: bool = False


class CaseStore:
    """The case file the app works on, saved after each change (debounced) and atomically.

    Saves happen one at a time and in order (a save the timer started finishes before the next begins), each to the
    path that was current when its change was made. A save that fails keeps its change pending, so the next change
    or :meth:`flush` tries again, and :attr:`last_error` says why until a save succeeds.

    Args:
        path: the case file (None: nothing is saved until the user chooses a file).
        on_saved: called after each save with the path, or with the error when the save failed (never raises).
        delay: seconds to wait for further changes before saving.
    """

    def __init__(self, path: str | Path | None, *, on_saved: Callable[[Path | None, BaseException | None], None]
                 | None = None, delay: float = AUTOSAVE_DELAY) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = False  # the file could not be read: never write over it
        self.delay = delay
        self.on_saved = on_saved
        self.last_error: BaseException | None = None  # why the last save failed (None once one succeeds)
        self._pending: Case | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()  # the pending case, the timer and the path
        self._writing = threading.Lock()  # one save at a time, in order
        _STORES.add(self)

    def open(self, path: str | Path, *, default: Case | None = None) -> Opened:
        """Read ``path``; a missing file is created from ``default`` when given.

        An unreadable file makes the store read-only for it (it is never written over); the store then saves
        nothing until :meth:`save_as` names another file. A missing file that cannot be created (its folder does
        not exist) gives ``default`` with the error, and nothing is saved until :meth:`save_as`.
        """
        with self._writing:
            self.cancel()
            target = Path(path)
            with self._lock:
                self.path, self.read_only, self.last_error = target, False, None
            if not target.exists() and default is not None:
                try:
                    write_case(default, target)
                except InvalidInput as err:
                    with self._lock:
                        self.path = None
                    return Opened(default, err)
                return Opened(default, created=True)
            try:
                return Opened(load_case(target))
            except InvalidInput as err:
                self.read_only = True
                return Opened(None, err)

    def request(self, case: Case) -> None:
        """Save ``case`` after :attr:`delay` seconds unless another change comes first."""
        if self.path is None or self.read_only:
            return
        with self._lock:
            self._pending = case
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            if self.delay > 0:
                self._timer = threading.Timer(self.delay, self.flush)
                self._timer.daemon = True
                self._timer.start()
        if self.delay <= 0:
            self.flush()

    def flush(self) -> Path | None:
        """Write the pending case now, if any; return the path written (None when nothing was, or it failed)."""
        with self._writing:
            with self._lock:
                case, path, self._pending = self._pending, self.path, None
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
            if case is None or path is None or self.read_only:
                return None
            try:
                written = write_case(case, path).path
            except Exception as err:  # noqa: BLE001 (reported through on_saved; the change stays pending)
                with self._lock:
                    if self._pending is None and self.path == path:
                        self._pending = case
                self.last_error = err
                if self.on_saved is not None:
                    self.on_saved(None, err)
                return None
            self.last_error = None
        if self.on_saved is not None:
            self.on_saved(written, None)
        return written

    @property
    def pending(self) -> bool:
        """Return True while a change waits to be saved."""
        return self._pending is not None

    def cancel(self) -> None:
        """Drop a pending save (when opening another file)."""
        with self._lock:
            self._pending = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def save_as(self, case: Case, path: str | Path) -> Path:
        """Write ``case`` to ``path`` now and keep saving there; a pending change is dropped only once that worked.

        Raises:
            InvalidInput: ``file_taken`` when ``path`` is another file that exists (never written over: it may be
                another client's case, or the unreadable file this store keeps read-only); ``cannot_write``.
        """
        target = Path(path)
        same = self.path is not None and target.resolve() == self.path.resolve()
        if target.exists() and not target.is_dir() and (self.read_only or not same):
            raise file_error(str(target), "file_taken", code="file_taken")
        with self._writing:
            written = write_case(case, target).path
            with self._lock:
                self._pending = None
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
                self.path, self.read_only, self.last_error = target, False, None
        return written


_STORES: weakref.WeakSet[CaseStore] = weakref.WeakSet()


@atexit.register
def _flush_all() -> None:  # a kernel shut down within the autosave delay still saves the last change
    for store in list(_STORES):
        store.flush()
