from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zhengxie.reports"
    label = "reports"
    verbose_name = "工作报告"

    def ready(self) -> None:
        from zhengxie.core.home import register_nav
        from zhengxie.core.permissions import can_read_statistics, is_staff

        from . import audit_actions  # noqa: F401  (labels)

        register_nav("工作报告", "work_report", can_read_statistics, order=70, group="报告")
        register_nav("统计看板", "reports_dashboard", can_read_statistics, order=71, group="报告")
        register_nav("工作报告稿", "saved_reports", can_read_statistics, order=72, group="报告")
        register_nav("报告数字写法", "report_approximations", is_staff, order=73, group="报告")
