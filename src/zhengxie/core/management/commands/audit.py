from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.audit import audit_verify


class Command(BaseCommand):
    help = "审计记录:verify 校验哈希链,发现被修改或删除的记录。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        checked, problems = audit_verify()
        for problem in problems:
            self.stderr.write(f"{problem.chain} 第{problem.seq}条:{problem.detail}")
        if problems:
            raise CommandError(f"审计链校验失败:共{checked}条记录,{len(problems)}处异常。")
        self.stdout.write(self.style.SUCCESS(f"审计链完整:共校验{checked}条记录。"))
