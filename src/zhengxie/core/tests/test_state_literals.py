"""Named state sets live in each app's workflow.py; views, the API and templates compare
states through them or the model's State choices, never through a bare string."""

import re
from pathlib import Path

import zhengxie

ROOT = Path(zhengxie.__file__).parent
# `state == "draft"`, `state in "assigned reply_pending"`, `state__in=["submitted", …]`
LITERAL = re.compile(r"""state(__in)?\s*(==|!=|=|\bin\b|\bnot in\b)\s*[\[(]?\s*["']""")


def _entry_points():
    for path in ROOT.glob("*/*.py"):
        if path.name in ("views.py", "api.py"):
            yield path
    yield from ROOT.glob("*/templates/**/*.html")


def test_no_state_string_literals_in_views_api_or_templates():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _entry_points()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LITERAL.search(line)
    ]
    assert found == []
