"""core/jsonstream writes what `safetext.json_text` writes, a row at a time."""

from __future__ import annotations

import json
import math

from cityrank_tui.core import jsonstream
from cityrank_tui.core.safetext import json_text

AWKWARD = [
    {"name": "Zürich \x1b]52;c;aGk=\x07 \x9b31m \u202e 東京 👍🏽 e\u0301", "rank": 3, "ok": True},
    {"empty": {}, "none": [], "nested": [[1, [2, {}]], {"a": None}], "false": False},
    {"floats": [1.5, 1e-7, 1e300, math.inf, -math.inf, math.nan], "big": 10**30},
    {"quote": 'a "b" \\ c', "tab": "a\tb\nc", "lone": "\ud800"},
]


def test_a_document_written_row_by_row_is_json_text_of_it():
    head = {"title": "T \x9b", "rows": [], "attribution": ["x \x1b"]}
    text = "".join(jsonstream.document(head, AWKWARD))
    assert text == json_text({**head, "rows": AWKWARD}) + "\n"
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert json.loads(text.replace("NaN", "null").replace("Infinity", "1"))["rows"][0]["rank"] == 3


def test_no_rows_is_an_empty_list_and_a_raw_part_is_placed_at_any_depth():
    head = {"title": "T", "rows": [], "attribution": []}
    assert "".join(jsonstream.document(head, [])) == json_text(head) + "\n"
    part = {"status": "not in our data", "rank": None}
    raw = jsonstream.Raw(jsonstream.dumps(part))
    rows = [{"a": {"x": raw, "y": [raw]}}, {"b": raw}]
    expected = [{"a": {"x": part, "y": [part]}}, {"b": part}]
    assert "".join(jsonstream.document(head, rows)) == json_text({**head, "rows": expected}) + "\n"
