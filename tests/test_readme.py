"""The README's Python examples run as written (docs that match the code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_readme__has_python_examples():
    """The README shows the public API and the payoff comparison in Python."""
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme__python_example_runs(index, tmp_path, monkeypatch, capsys):
    """Each ```python block runs in a folder holding the files it names."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my.csv").write_text("id,creditor,balance,annual_rate,min_payment\ncard,银行,12000,18,10%:100\n"
                                     "loan,网贷,8000,月2%,400\n", encoding="utf-8")
    exec(compile(BLOCKS[index], f"README block {index}", "exec"), {})  # noqa: S102 - our own documentation
    capsys.readouterr()
