"""The meetings section of a work report: the topics of the 全体会议 and 常委会议 (their agendas)
are named as committees write them, and the year is compared with the last only where the
committee already held meetings then."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from zhengxie.meetings import services
from zhengxie.meetings.stats import agenda_topics
from zhengxie.reports.generator import work_report
from zhengxie.reports.periods import year

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 12, 3)


def _held(p, kind, day, agenda="", title="会议"):
    start = datetime.combine(day, datetime.min.time(), TZ) + timedelta(hours=9)
    return services.meeting_create(
        actor=p.staff,
        kind=kind,
        title=title,
        starts_at=start,
        place="县政协四楼会议室",
        invite_rule="standing",
        agenda=agenda,
        notify_invitees=False,
    )


def _meetings_text(p, number=2026) -> str:
    report = work_report(year(p.committee, number, TODAY))
    [section] = [s for s in report.sections if s.key == "meetings"]
    return section.paragraphs[0].text


def test_an_agendas_items_are_its_topics_without_their_numbering():
    agenda = "一、社会治安防控体系建设\n\n2. 生态市创建工作\n（三）优化营商环境\n(4)农村公路养护"
    assert agenda_topics(agenda) == [
        "社会治安防控体系建设",
        "生态市创建工作",
        "优化营商环境",
        "农村公路养护",
    ]


def test_the_report_names_the_topics_of_the_standing_committee_once_each(p):
    _held(p, "standing", date(2026, 3, 26), "一、社会治安防控体系建设\n二、生态市创建工作")
    _held(p, "standing", date(2026, 7, 9), "一、生态市创建工作\n二、优化营商环境")
    _held(p, "chairs", date(2026, 5, 12), "一、不写入报告的主席会议议题")
    assert _meetings_text(p) == (
        "今年以来召开常委会议2次、主席会议1次；常委会议围绕社会治安防控体系建设、"
        "生态市创建工作和优化营商环境等议题协商议政。"
    )


def test_more_topics_than_a_sentence_holds_show_the_first_five(p):
    topics = [f"第{n}项议题" for n in range(1, 8)]
    _held(p, "plenary", date(2026, 3, 1), "\n".join(topics))
    assert "全体会议围绕第1项议题、第2项议题、第3项议题、第4项议题、第5项议题等议题" in (
        _meetings_text(p)
    )


def test_a_committee_holding_its_first_meetings_this_year_is_compared_with_nothing(p):
    _held(p, "standing", date(2026, 3, 26))
    assert _meetings_text(p) == "今年以来召开常委会议1次。"


def test_a_committee_that_held_meetings_before_says_last_years_nought_in_words(p):
    _held(p, "standing", date(2024, 3, 26))
    _held(p, "standing", date(2026, 3, 26))
    assert _meetings_text(p) == "今年以来召开常委会议1次，去年同期为零。"
