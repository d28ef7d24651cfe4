from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "zhengxie.members"
    label = "members"
    verbose_name = "委员与组织"
