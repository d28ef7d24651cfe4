from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "zhengxie.duty"
    label = "duty"
    verbose_name = "履职"

    def ready(self) -> None:
        from zhengxie.core.services import committee_setup_register
        from zhengxie.core.stats import register

        from . import audit_actions, duty_sources, panels  # noqa: F401  (labels, sources, nav)
        from .services import activity_defaults_create
        from .stats import STATISTICS

        register(STATISTICS)
        committee_setup_register(activity_defaults_create)
