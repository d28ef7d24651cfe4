from django.urls import path

from . import dashboard, views

urlpatterns = [
    path("work/", views.work_report, name="work_report"),
    path("dashboard/", dashboard.dashboard_page, name="reports_dashboard"),
]
