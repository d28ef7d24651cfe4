import os
import sys

from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "以生产方式提供服务:收集静态文件,再由 gunicorn 在 HOST(默认 127.0.0.1:8000)上监听。"

    def handle(self, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        host = os.environ.get("HOST", "127.0.0.1:8000")
        self.stdout.write(f"访问 http://{host}/ 登录(按 Ctrl-C 停止)。")
        self.stdout.flush()
        # Replace this process, so that signals sent to `zhengxie serve` reach gunicorn's master.
        os.execv(
            sys.executable,
            [sys.executable, "-m", "gunicorn", "--config", "python:zhengxie.gunicorn_conf"],
        )
