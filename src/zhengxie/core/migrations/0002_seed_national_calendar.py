"""Seed the national holiday schedule from chinese-calendar at install time.

Later years arrive with a newer chinese-calendar through `zhengxie calendar seed`.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from chinese_calendar import constants

    from zhengxie.core.services import HOLIDAY_NAMES

    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    days = {day: False for day in constants.holidays}
    days.update({day: True for day in constants.workdays})
    names = {**constants.holidays, **constants.workdays}
    CalendarDay.objects.bulk_create(
        CalendarDay(
            date=day,
            is_workday=is_workday,
            name=HOLIDAY_NAMES.get(names[day], names[day]) + ("调休上班" if is_workday else ""),
        )
        for day, is_workday in sorted(days.items())
    )
    CalendarYear.objects.bulk_create(
        CalendarYear(year=year, source="chinese-calendar") for year in sorted({d.year for d in days})
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
