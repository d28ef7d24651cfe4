from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import User
from zhengxie.core.services import user_unlock


class Command(BaseCommand):
    help = "账号:unlock 用户名 解除锁定(供服务器管理员在安全管理员本人被锁定时使用,记入审计)。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["unlock"])
        parser.add_argument("username")

    def handle(self, *args, action: str, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为 {username} 的账号。")
        user_unlock(actor=None, user=user)
        self.stdout.write(self.style.SUCCESS(f"账号 {username} 已解除锁定。"))
