"""The demo's duty year: the 2026 履职考核细则 scores every member, and the members who attended
neither sitting of the plenary are flagged for a reminder talk, one still open on the office's
home (demo/duty.py)."""

from zhengxie.core import roles
from zhengxie.core.home import home_panels
from zhengxie.core.models import Committee, User
from zhengxie.duty.models import DutyFlag, DutyReport, DutyScore, ScoringRule


def _rule() -> ScoringRule:
    return ScoringRule.objects.get(committee=Committee.objects.get(name="云溪县政协"), year=2026)


def test_the_year_is_scored_and_those_absent_from_the_plenary_are_flagged_for_a_talk(demo):
    rule = _rule()
    assert DutyScore.objects.filter(rule=rule).count() > 200
    talks = DutyFlag.objects.filter(rule=rule, kind=DutyFlag.Kind.TALK)
    assert talks.filter(state=DutyFlag.State.OPEN).count() == 1
    done = talks.filter(state=DutyFlag.State.DONE)
    assert done.exists() and all(f.talked_by and f.talked_on for f in done)
    assert all("出席会议(全体会议)至少1次" in f.reasons[0] for f in talks)


def test_the_open_talk_waits_on_the_office_home_and_no_member_sees_it(demo, client):
    staff = User.objects.get(username="staff")
    rows = {row.label: row for panel in home_panels(staff) for row in panel.rows}
    assert rows["待办理的履职提示"].value == 1
    flag = DutyFlag.objects.get(rule=_rule(), state=DutyFlag.State.OPEN)
    client.force_login(flag.member.user)
    assert client.get(f"/duty/flags/{flag.pk}/").status_code == 403
    assert "履职提示" not in client.get("/").content.decode()


def test_the_demo_member_has_submitted_their_duty_report_written_from_the_record(demo, client):
    member = User.objects.get(username="member")
    report = DutyReport.objects.get(member=member.member, year=2026)
    assert report.state == DutyReport.State.SUBMITTED
    assert report.text.startswith("2026年,我作为云溪县政协十届委员") and "出席" in report.text
    members = User.objects.filter(username__startswith="wy").exclude(member=report.member)
    other = next(u for u in members if not u.has_role(roles.STAFF, roles.LEADER))
    client.force_login(other)
    assert client.get(f"/duty/reports/{report.pk}/").status_code == 404
