from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "zhengxie.consultations"
    label = "consultations"
    verbose_name = "协商"

    def ready(self) -> None:
        from zhengxie.core.home import register_nav
        from zhengxie.core.services import committee_setup_register
        from zhengxie.core.stats import register
        from zhengxie.duty.kinds import register_duty_kind

        from . import (  # noqa: F401  (audit labels, duty sources, panels, tasks)
            audit_actions,
            duty_sources,
            panels,
            tasks,
        )
        from .services import consultation_defaults_create
        from .services.outcomes import register_outcome_duties
        from .stats import STATISTICS
        from .views.stats import reporting

        committee_setup_register(consultation_defaults_create)
        # Activities: a written opinion in a consultation or on a 书面协商 request, and taking
        # part in one held without a meeting (taking part in and speaking at a consultation
        # meeting is the meetings app's record).
        register_duty_kind("consultation_opinion", "提交协商书面意见", 2)
        register_duty_kind("consultation_attendance", "参加协商活动", 2)
        # Statistics: the registry's declaration, and its page for staff and leaders.
        register(STATISTICS)
        register_nav("协商统计", "consultation_stats", reporting, order=49, group="协商")
        register_outcome_duties()
