from django.core.management.base import BaseCommand

from zhengxie.core.services import calendar_seed_national


class Command(BaseCommand):
    help = "工作日历:seed 载入 chinese-calendar 中新公布年份的节假日安排。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["seed"])

    def handle(self, *args, **options):
        added = calendar_seed_national()
        if added:
            self.stdout.write(self.style.SUCCESS(f"已载入:{'、'.join(map(str, added))}年。"))
        else:
            self.stdout.write("没有新的年份可载入(升级 chinese-calendar 后再试)。")
