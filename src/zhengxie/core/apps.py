from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from . import panels, tasks  # noqa: F401  (register home panels, periodic tasks)
