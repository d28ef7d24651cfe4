from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "zhengxie.opinions"
    label = "opinions"
    verbose_name = "社情民意"

    def ready(self) -> None:
        from zhengxie.core.services import committee_setup_register
        from zhengxie.core.stats import register
        from zhengxie.duty.kinds import register_duty_kind

        from . import (  # noqa: F401  (audit labels, duty sources, panels, tasks)
            audit_actions,
            duty_sources,
            panels,
            tasks,
        )
        from .models import Adoption
        from .services import opinion_defaults_create
        from .services.setup import OFFICER_KIND
        from .stats import STATISTICS

        register(STATISTICS)
        committee_setup_register(opinion_defaults_create)
        register_duty_kind("opinion_submitted", "报送社情民意信息", 1)
        for level, label in Adoption.Level.choices:
            register_duty_kind(f"opinion_adopted_{level}", f"社情民意信息{label}", POINTS[level])
        register_duty_kind("opinion_instructed", "社情民意信息获领导批示", 3)
        register_duty_kind("opinion_instructed_main", "社情民意信息获主要领导批示", 5)
        register_duty_kind(OFFICER_KIND, "担任社情民意信息员", 2)


POINTS = {"own": 2, "parent": 3, "city": 3, "province": 5, "national": 8}
