"""Every committee gets its handling rules as a row, created until now by the first page
view that asked. New committees get theirs from core.services.committee_setup, audited;
this one-off runs before any audit key is at hand, and creates only the defaults."""

from django.db import migrations


def create_missing(apps, schema_editor):
    Committee = apps.get_model("core", "Committee")
    ProposalPolicy = apps.get_model("proposals", "ProposalPolicy")
    missing = Committee.objects.exclude(
        pk__in=ProposalPolicy.objects.values_list("committee_id", flat=True)
    )
    ProposalPolicy.objects.bulk_create(ProposalPolicy(committee=c) for c in missing)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("proposals", "0005_contact_audience"),
    ]

    operations = [migrations.RunPython(create_missing, migrations.RunPython.noop)]
