"""The folders are layers and imports point one way: the core stays pure, engines never reach the edges."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "planner"
CORE_TOP = ("money", "rates", "dates", "errors", "findings", "choices")
CORE = (*(f"planner.{m}" for m in CORE_TOP), "planner.domain", "planner.caps", "planner.engines")
UI_LIBRARIES = ("ipywidgets", "matplotlib", "pandas", "numpy", "bqplot")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Return every planner module's imports (module level and inside functions alike)."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[_module_name(path)] = names
    return found


def _within(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def _violations(importers: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in _imports().items()
        if any(_within(module, layer) for layer in importers)
        for name in names
        if any(_within(name, target) for target in forbidden)
    )


def test_layers__the_folder_list_shows_them():
    """The package's folders are the layers of docs/ARCHITECTURE.md."""
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"domain", "caps", "engines", "text", "io", "present", "ui", "cli"} <= folders


def test_engines__never_import_io_text_present_or_cli():
    """Engines compute; they never format, read files, draw or print."""
    assert _violations(("planner.engines",), ("planner.io", "planner.text", "planner.present", "planner.ui",
                                             "planner.cli")) == []


def test_domain_and_caps__import_only_the_core_below_them():
    """Value objects and the cap audit know nothing of engines or edges."""
    edges = ("planner.engines", "planner.io", "planner.text", "planner.present", "planner.ui", "planner.cli")
    assert _violations(("planner.domain", "planner.caps"), edges) == []


def test_text__imports_no_engine_io_or_ui():
    """All wording sits above the value types and below the edges: it renders data, it computes nothing."""
    forbidden = ("planner.engines", "planner.io", "planner.present", "planner.cli", "planner.caps",
                 *UI_LIBRARIES)
    assert _violations(("planner.text",), forbidden) == []


def test_value_types__import_nothing_above_them():
    """money, rates, dates, findings and choices import only each other; errors reaches planner.text only to
    word ``str(error)`` on demand (the one documented exception, inside a method)."""
    layers = ("planner.domain", "planner.caps", "planner.engines", "planner.io", "planner.present", "planner.cli")
    top = tuple(f"planner.{m}" for m in CORE_TOP)
    assert _violations(top, (*layers, "planner.text")) == ["planner.errors imports planner.text"]


def test_report__documents_sit_below_the_edges():
    """The documents read the use case and the wording; nothing below them imports them, and they never import
    the app or the CLI; Typst is imported by the renderer alone."""
    below = ("planner.domain", "planner.caps", "planner.engines", "planner.io", "planner.text", "planner.present")
    assert _violations(below, ("planner.report",)) == []
    assert _violations(("planner.report",), ("planner.ui", "planner.cli", "ipywidgets", "pandas")) == []
    typst_users = sorted(m for m, names in _imports().items() if "typst" in names)
    assert typst_users == ["planner.report.pdf"]


def test_cli__nothing_imports_it():
    """The CLI is the outermost edge: only itself and ``python -m planner`` import it."""
    outsiders = [m for m, names in _imports().items()
                 if not _within(m, "planner.cli") and m != "planner.__main__"
                 and any(_within(n, "planner.cli") for n in names)]
    assert outsiders == []


def test_ui__is_an_edge_beside_the_cli():
    """The app sits on top like the CLI: nothing below imports it (the package names ``PlannerApp`` lazily, for
    type checkers only), and the app and the CLI never import each other (both call the same use case)."""
    outsiders = [m for m, names in _imports().items()
                 if not _within(m, "planner.ui") and m != "planner" and any(_within(n, "planner.ui") for n in names)]
    assert outsiders == []
    assert _violations(("planner.ui",), ("planner.cli",)) == []


def test_core__imports_no_ui_plotting_or_pandas():
    """No core module imports ipywidgets, matplotlib, pandas or numpy, even inside a function."""
    assert _violations(CORE, UI_LIBRARIES) == []


def test_import_planner__stays_light():
    """``import planner``, the whole core and a plan of the example load neither UI, plotting nor pandas."""
    code = (
        "import sys, planner\n"
        "from planner.engines.plan import plan_case\n"
        "plan_case(planner.example_case(), fit=True)\n"
        f"print(','.join(sorted(m for m in {UI_LIBRARIES!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_public_api__names_are_there():
    """The names the issue promises are importable from ``planner`` (the contract for notebooks and scripts)."""
    import planner

    promised = ["example_case", "load_case", "save_case", "import_debts", "plan_case", "evaluate_case",
                "audit_case", "amortize", "apr_percent", "simulate", "compare_policies", "Case", "Budget", "Debt",
                "Plan", "Scenario", "Waiver", "Deferral", "Restructure", "Settlement", "RepaymentMethod", "Rate",
                "Money", "money", "InvalidInput"]
    for name in promised:
        assert getattr(planner, name) is not None, name
        assert name in planner.__all__, name


def test_public_api__money_is_the_function_even_after_its_module_loads():
    """``planner.money`` stays the function although a module of that name exists (and is imported)."""
    import importlib
    from decimal import Decimal

    import planner

    importlib.import_module("planner.money")
    assert planner.money("1,234.5") == Decimal("1234.50")
