from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from . import panels  # noqa: F401  (registers home panels)
