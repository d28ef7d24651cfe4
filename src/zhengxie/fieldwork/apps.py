from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "zhengxie.fieldwork"
    label = "fieldwork"
    verbose_name = "视察调研考察"

    def ready(self) -> None:
        from zhengxie.duty.kinds import register_duty_kind

        from . import audit_actions, panels  # noqa: F401  (audit labels, home panels, navigation)

        register_duty_kind("fieldwork_visit", "参加视察调研考察", 2)
        register_duty_kind("fieldwork_draft", "撰写视察调研考察报告稿", 2)
        register_duty_kind("fieldwork_report", "执笔视察调研考察报告定稿", 5)
