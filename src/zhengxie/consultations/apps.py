from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "zhengxie.consultations"
    label = "consultations"
    verbose_name = "协商"

    def ready(self) -> None:
        from zhengxie.duty.kinds import register_duty_kind

        from . import audit_actions, panels  # noqa: F401  (audit labels, home panels)

        # Activities: a written opinion in a consultation or on a 书面协商 request (taking
        # part in and speaking at a consultation meeting is the meetings app's record).
        register_duty_kind("consultation_opinion", "提交协商书面意见", 2)
