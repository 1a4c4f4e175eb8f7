"""The font check of the browser tests tells characters from boxes: Chinese drawn with the bundled Noto Sans SC
passes it; Chinese in a browser that has only a Latin font (DejaVu Sans, which draws a box for each character)
fails it. (``document.fonts.check('12px "Noto Sans SC"')`` cannot tell: it says true either way.)"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from browser import harness

pytestmark = pytest.mark.slow

PAGE = '<p id="zh" style="font-size: 20px">方案 案例 已自动保存</p>'


def test_font_check__passes_with_the_bundled_font(chromium_path, fonts_conf):
    """With the fontconfig file of the tests, Chinese is drawn with Noto Sans SC, every glyph of it."""
    with harness.chromium(fonts_conf) as context:
        page = context.new_page()
        page.set_content(PAGE)
        fonts = harness.chinese_is_drawn(page, "#zh")
    assert sum(font["glyphCount"] for font in fonts if font["familyName"] == "Noto Sans SC") >= 8


def test_font_check__fails_when_only_a_latin_font_is_there(chromium_path, tmp_path):
    """Offered matplotlib's DejaVu Sans alone, Chromium draws the Chinese as boxes, and the check says so."""
    latin = tmp_path / "latin"
    latin.mkdir()
    (latin / "DejaVuSans.ttf").symlink_to(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    with harness.chromium(harness.write_fonts_conf(tmp_path / "conf", fonts=latin, system=False)) as context:
        page = context.new_page()
        page.set_content(PAGE)
        assert [font["familyName"] for font in harness.rendering_fonts(page, "#zh")] == ["DejaVu Sans"]
        with pytest.raises(AssertionError, match="boxes"):
            harness.chinese_is_drawn(page, "#zh")
