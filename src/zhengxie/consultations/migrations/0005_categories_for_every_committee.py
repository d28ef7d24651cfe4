"""Every committee gets the twelve contents of consultation (seeds_001 §1.1). New committees
get theirs from core.services.committee_setup, audited; this one-off runs before any audit
key is at hand. The names are written out here: a migration keeps the values of the day it
was written."""

from django.db import migrations

CATEGORIES = [
    "国民经济和社会发展中长期规划",
    "政府工作报告",
    "国民经济和社会发展计划报告",
    "财政预决算报告",
    "人民法院、人民检察院工作报告",
    "经济社会发展的重要问题",
    "重要政府规章和规范性文件",
    "党委提出的有关重要人事事项",
    "事关全局的其他重大决策",
    "各党派参加人民政协工作的共同性事务",
    "政协内部的重要事务",
    "有关爱国统一战线的其他重要问题",
]


def create_missing(apps, schema_editor):
    Committee = apps.get_model("core", "Committee")
    Category = apps.get_model("consultations", "ContentCategory")
    for committee in Committee.objects.all():
        if not Category.objects.filter(committee=committee).exists():
            Category.objects.bulk_create(
                Category(committee=committee, name=name, position=i)
                for i, name in enumerate(CATEGORIES)
            )


class Migration(migrations.Migration):
    dependencies = [
        ('consultations', '0004_topics_sources_plans'),
    ]

    operations = [migrations.RunPython(create_missing, migrations.RunPython.noop)]
