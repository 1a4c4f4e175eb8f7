"""The notebooks run top to bottom in a real kernel, in a temporary copy of notebooks/, with outbound connections
blocked inside the kernel — and none is even attempted (case files hold private financial data). They are committed
thin and clean: no outputs, no execution counts, no functions or classes (the code lives in planner/)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from netguard import guard_env

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT_S = 240
"""Upper bound for one cell (the app's cell imports pandas and matplotlib and plans the example: seconds here)."""
DEFINITION = re.compile(r"^\s*(?:async\s+def|def|class)\s", re.MULTILINE)


@pytest.fixture
def guarded(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The network log and a kernel environment that loads the guard (loopback allowed: the kernel talks to
    nbclient over it), with temporary HOME and Jupyter folders."""
    return guard_env(tmp_path)


def _execute(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` top to bottom in a kernel started with ``env``, in its folder; return it run."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_S, startup_timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    return notebook


def _outputs(notebook: nbformat.NotebookNode, output_type: str) -> list[dict[str, object]]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
            if output.get("output_type") == output_type]


def test_notebooks__the_planner_notebook_is_there():
    """notebooks/planner.ipynb is the app in JupyterLab and Voila."""
    assert (NOTEBOOKS / "planner.ipynb").is_file()


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_notebook__is_committed_thin_and_clean(path):
    """No outputs or execution counts, and no ``def`` or ``class`` in a code cell."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, f"{path.name} has no code cell"
    for number, cell in enumerate(code, 1):
        assert not cell.get("outputs"), f"{path.name}: code cell {number} has outputs (nbconvert --clear-output)"
        assert cell.get("execution_count") is None, f"{path.name}: code cell {number} has an execution count"
        assert not DEFINITION.search(cell.source), f"{path.name}: code cell {number} defines a function or class"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_notebook__runs_top_to_bottom_without_calling_out(path, guarded, tmp_path):
    """Run in a copy of notebooks/: no cell fails or writes to stderr, no connection is attempted, and the planner
    notebook shows the app and writes its example case beside itself."""
    log, env = guarded
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "example-case*", "*.bak"))
    notebook = _execute(folder / path.name, env)
    assert _outputs(notebook, "error") == []
    assert [output["text"] for output in _outputs(notebook, "stream") if output.get("name") == "stderr"] == []
    assert log.read_text(encoding="utf-8") == ""
    if path.name == "planner.ipynb":
        views = [output for output in _outputs(notebook, "display_data") + _outputs(notebook, "execute_result")
                 if "application/vnd.jupyter.widget-view+json" in output.get("data", {})]
        assert views, "the planner notebook displays no widget (the app)"
        case = folder / "example-case.json"
        assert case.is_file(), "the app did not write its case file beside the notebook"
        assert json.loads(case.read_text(encoding="utf-8"))


def test_guard__notices_a_kernel_calling_out(guarded, tmp_path):
    """The guard works in the kernel: an outbound connection and a name lookup are refused and recorded;
    loopback is not."""
    log, env = guarded
    code = (
        "import socket\n"
        "server = socket.create_server(('127.0.0.1', 0))\n"
        "socket.create_connection(server.getsockname(), timeout=5).close()\n"
        "for attempt in (lambda: socket.create_connection(('192.0.2.1', 80), timeout=1),\n"
        "                lambda: socket.getaddrinfo('example.org', 443)):\n"
        "    try:\n"
        "        attempt()\n"
        "    except OSError:\n"
        "        pass\n"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nbformat.write(notebook, tmp_path / "calls-out.ipynb")
    _execute(tmp_path / "calls-out.ipynb", env)
    assert log.read_text(encoding="utf-8").splitlines() == [
        "create_connection ('192.0.2.1', 80)", "getaddrinfo 'example.org'"]
