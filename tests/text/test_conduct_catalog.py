"""Tests for the collection-conduct log's wording: planner.text.conduct_zh / conduct_en and log_text."""

import re

from planner.io.conduct_import import LOG_COLUMNS
from planner.text import conduct_en, conduct_zh, log_text


def test_conduct_catalogs__key_for_key_with_the_same_fields():
    """Both catalogs word the same keys with the same placeholders, and name the same columns."""
    fields = re.compile(r"\{(\w+)\}")
    assert conduct_zh.LOG.keys() == conduct_en.LOG.keys()
    for key, text in conduct_zh.LOG.items():
        assert set(fields.findall(conduct_en.LOG[key])) == set(fields.findall(text)), key
    assert conduct_zh.COLUMNS.keys() == conduct_en.COLUMNS.keys() == LOG_COLUMNS.labels.keys()
    assert all(name == english for name, english in conduct_en.COLUMNS.items())  # the English header is the id


def test_log_text__fills_values_in_either_locale():
    """``log_text`` fills a line; any English spelling of the locale gives English; no value leaves it as is."""
    assert log_text("import.unchanged", path="a.json") == "没有新记录，案例文件 a.json 未改动。"
    assert log_text("import.unchanged", "en-GB", path="a.json") == "Nothing new: the case file a.json is unchanged."
    assert log_text("help.log", "en") == "the collection-conduct log: import, template, check"
