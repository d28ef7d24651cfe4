"""The audit trail reads in Chinese: a label per declared action, the object it concerns with
its page, the recorded fields in words; the export keeps the raw record beside it."""

import json
import re
from datetime import date
from io import BytesIO
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from zhengxie.core.auditlabels import ACTIONS
from zhengxie.duty.services import duty_record
from zhengxie.members.services import member_update
from zhengxie.proposals.workflow import PROPOSAL

SOURCE = Path(__file__).resolve().parents[2]
TRANSITIONS = PROPOSAL.transitions


def _audit_page(client, **params):
    return client.get("/audit/", params).content.decode().split("<tbody>")[1]


def test_audit_trail_shows_actions_and_objects_in_chinese(p, login):
    duty_record(member=p.plain.member, kind="training", date=date(2026, 5, 6), actor=p.staff)
    page = _audit_page(login(p.auditor), action="duty.record")
    assert "记入履职档案" in page
    assert "委员:李委员" in page and "类别:参加学习培训" in page and "日期:2026年5月6日" in page
    assert "{'member'" not in page and "{&#x27;member" not in page


def test_audit_trail_links_the_object_to_its_page(p, login):
    member_update(actor=p.staff, member=p.plain.member, employer_title="县第一中学校长")
    page = _audit_page(login(p.auditor), action="member.update")
    assert "修改委员信息" in page
    assert f'<a href="/members/{p.plain.member.pk}/">李委员</a>' in page
    assert "李委员的单位 → 县第一中学校长" in page
    assert f"kind=members.member&amp;q={p.plain.member.pk}" in page


def test_audit_trail_masks_id_numbers_on_the_page(p, login):
    page = _audit_page(login(p.auditor), action="member.create")
    assert "110105197001010011" not in page and "1101**********0011" in page


def test_recorded_ids_and_codes_read_as_names(p, login):
    client = login(p.auditor)
    assert "界别:教育界" in _audit_page(client, action="member.create", q="李委员")
    assert "角色:委员" in _audit_page(client, action="member.grant_login", q="李委员")


def test_audit_export_keeps_the_raw_record_beside_its_reading(p, login):
    duty_record(member=p.plain.member, kind="training", date=date(2026, 5, 6), actor=p.staff)
    response = login(p.auditor).get("/audit/", {"action": "duty.record", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["操作"] == "duty.record" and values["操作说明"] == "记入履职档案"
    assert json.loads(values["修改后"])["member"] == p.plain.member.pk
    assert "委员:李委员" in values["内容摘要"]


def test_audit_page_queries_do_not_grow_with_its_rows(p, login):
    client = login(p.auditor)

    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/").status_code == 200
        return len(captured)

    duty_record(member=p.plain.member, kind="training", date=date(2026, 5, 6), actor=p.staff)
    before = queries_for_page()
    for kind, day in [("other", 7), ("training", 8), ("other", 9)]:
        duty_record(member=p.another.member, kind=kind, date=date(2026, 5, day), actor=p.staff)
    assert queries_for_page() == before


def _literal_actions() -> set[str]:
    """Every action code written as a literal in an audit_log call (or passed on to one),
    or declared as a constant in an app's audit_actions.py for the services to write."""
    found = set()
    pattern = re.compile(r'(?:action=|audit_log\([^)]*?,\s*)"([a-z_]+\.[a-z_]+)"')
    helper = re.compile(r'_(?:update|create)_audited\([^"]*"([a-z_]+\.[a-z_]+)"', re.S)
    constant = re.compile(r'^[A-Z_]+ = "([a-z_]+\.[a-z_]+)"$', re.M)
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        found |= set(pattern.findall(text)) | set(helper.findall(text))
        if path.name == "audit_actions.py":
            found |= set(constant.findall(text))
    return found


def test_every_declared_audit_action_has_a_chinese_label():
    literals = _literal_actions()
    assert {"duty.record", "user.create", "member.update", "meeting.check_in"} <= literals
    assert sorted(literals - ACTIONS.keys()) == []
    assert {f"proposal.{a}" for a in TRANSITIONS} <= ACTIONS.keys()
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in ACTIONS.values())
