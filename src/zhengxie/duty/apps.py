from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "zhengxie.duty"
    label = "duty"
    verbose_name = "履职"

    def ready(self) -> None:
        from zhengxie.core.stats import register

        from . import audit_actions, panels  # noqa: F401  (audit labels, navigation)
        from .stats import STATISTICS

        register(STATISTICS)
