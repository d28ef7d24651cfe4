"""The reports app is installed and mounted: its pages live under /reports/, its API
under /api/v1/ beside the other apps'."""

from django.apps import apps

from zhengxie.api import api
from zhengxie.reports.api import router


def test_reports_app_is_installed_under_its_label():
    assert apps.get_app_config("reports").verbose_name == "工作报告"


def test_reports_router_is_mounted_on_the_api():
    assert router in [r for _, r in api._routers]
