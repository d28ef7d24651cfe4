from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "zhengxie.fieldwork"
    label = "fieldwork"
    verbose_name = "视察调研考察"

    def ready(self) -> None:
        from zhengxie.core.home import register_nav
        from zhengxie.core.stats import register
        from zhengxie.duty.kinds import register_duty_kind

        from . import (  # noqa: F401  (audit labels, duty sources, home panels, navigation)
            audit_actions,
            duty_sources,
            panels,
        )
        from .stats import STATISTICS
        from .views import reporting

        register_duty_kind("fieldwork_visit", "参加视察调研考察", 2)
        register_duty_kind("fieldwork_draft", "撰写视察调研考察报告稿", 2)
        # Statistics: the registry's declaration, and its page for staff and leaders.
        register(STATISTICS)
        register_nav("视察调研统计", "fieldwork_stats", reporting, order=50, group="协商")
