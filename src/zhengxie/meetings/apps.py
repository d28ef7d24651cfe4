from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "zhengxie.meetings"
    label = "meetings"
    verbose_name = "会议"

    def ready(self) -> None:
        from zhengxie.core.stats import register
        from zhengxie.duty.kinds import register_duty_kind, register_duty_qualifiers

        from . import (  # noqa: F401  (audit labels, duty sources, home panels, navigation)
            audit_actions,
            duty_sources,
            panels,
        )
        from .models import Meeting
        from .stats import STATISTICS

        register(STATISTICS)

        register_duty_kind("meeting_attendance", "出席会议", 2)
        register_duty_kind("meeting_absent", "无故缺席会议", -2)
        # 列席 (seeds_001 L433 "完善委员列席政协主席会议、常委会会议制度"): less than attending as a
        # member of the body, never attendance.
        register_duty_kind("meeting_observed", "列席会议", 1)
        register_duty_kind("speech_selected", "大会发言被采用", 3)
        register_duty_kind("speech_delivered", "在大会上口头发言", 3)
        register_duty_kind("briefing_opinion", "小组讨论意见被会议简报刊登", 1, category="speech")
        # meeting_close records these with the meeting's kind as their qualifier.
        register_duty_qualifiers(
            ["meeting_attendance", "meeting_absent", "meeting_observed", "training"],
            Meeting.Kind.choices,
        )
