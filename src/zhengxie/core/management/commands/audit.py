from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.audit import audit_anchor, audit_verify


class Command(BaseCommand):
    help = (
        "审计记录:verify 用密钥校验哈希链和外部锚点,列出每一条被修改或删除的记录;"
        "anchor 把各条链的链头追加到外部锚点文件(zhengxie tick 每次执行)。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor"])

    def handle(self, *args, action: str, **options):
        if action == "anchor":
            self.stdout.write(f"已记录{audit_anchor()}条链的链头。")
            return
        checked, problems = audit_verify()
        for problem in problems:
            self.stderr.write(f"{problem.chain} {problem.rows}:{problem.detail}")
        if problems:
            raise CommandError(f"审计链校验失败:共{checked}条记录,{len(problems)}处异常。")
        self.stdout.write(self.style.SUCCESS(f"审计链完整:共校验{checked}条记录。"))
