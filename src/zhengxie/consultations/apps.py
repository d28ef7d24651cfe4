from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "zhengxie.consultations"
    label = "consultations"
    verbose_name = "协商"

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (audit labels)
