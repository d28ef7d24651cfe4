from django.core.management.base import BaseCommand

from zhengxie.demo.loader import DEFAULT_PASSWORD, demo_load, existing_logins


class Command(BaseCommand):
    help = "载入演示用的县政协(可重复执行,已载入时只显示登录账号)。"

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="演示账号的密码")

    def handle(self, *args, password: str, **options):
        logins = demo_load(password=password)
        if logins is None:
            self.stdout.write("演示数据已存在,未重复载入。")
            logins = existing_logins(password)
        else:
            self.stdout.write(self.style.SUCCESS("演示数据已载入:云溪县政协 第十届。"))
        self.stdout.write(f"\n演示账号(密码均为 {logins.password}):")
        for username, role, who in logins.rows:
            self.stdout.write(f"  {username:<10} {role:<16} {who}")
        if logins.member_usernames:
            self.stdout.write(f"  委员账号:{logins.member_usernames}")
