"""Every committee gets the usual opinion categories, bulletins and rules, created until now
by the first page view that asked. New committees get theirs from
core.services.committee_setup, audited; this one-off runs before any audit key is at hand.
The names are written out here: a migration keeps the values of the day it was written."""

from django.db import migrations

CATEGORIES = ["经济", "社会民生", "生态环境", "社会治理", "文化教育", "医疗卫生", "其他"]
BULLETINS = ["各界反映", "社情民意", "政协调研"]
RECIPIENTS = "党委、人大常委会、政府、政协领导"


def create_missing(apps, schema_editor):
    Committee = apps.get_model("core", "Committee")
    Category = apps.get_model("opinions", "OpinionCategory")
    Bulletin = apps.get_model("opinions", "Bulletin")
    Policy = apps.get_model("opinions", "OpinionPolicy")
    for committee in Committee.objects.all():
        if not Category.objects.filter(committee=committee).exists():
            Category.objects.bulk_create(
                Category(committee=committee, name=name, position=i)
                for i, name in enumerate(CATEGORIES)
            )
        if not Bulletin.objects.filter(committee=committee).exists():
            Bulletin.objects.bulk_create(
                Bulletin(committee=committee, name=name, default_recipients=RECIPIENTS)
                for name in BULLETINS
            )
        Policy.objects.get_or_create(committee=committee)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("opinions", "0002_step_audience"),
    ]

    operations = [migrations.RunPython(create_missing, migrations.RunPython.noop)]
