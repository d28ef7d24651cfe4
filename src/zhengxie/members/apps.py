from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "zhengxie.members"
    label = "members"
    verbose_name = "委员与组织"

    def ready(self) -> None:
        from . import audit_actions, panels  # noqa: F401  (audit labels, home panels)
