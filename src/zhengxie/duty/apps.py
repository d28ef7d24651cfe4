from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "zhengxie.duty"
    label = "duty"
    verbose_name = "履职"
