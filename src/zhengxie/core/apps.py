from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = "基础"
