from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "zhengxie.fieldwork"
    label = "fieldwork"
    verbose_name = "视察调研考察"
