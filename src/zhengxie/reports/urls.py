from django.urls import path

from . import approximation_views, dashboard, saved_views, views

urlpatterns = [
    path("work/", views.work_report, name="work_report"),
    path("work.docx", views.work_docx, name="work_report_docx"),
    path("work.xlsx", views.work_xlsx, name="work_report_xlsx"),
    path("dashboard/", dashboard.dashboard_page, name="reports_dashboard"),
    path("saved/", saved_views.saved_list, name="saved_reports"),
    path("saved/new/", saved_views.saved_new, name="saved_report_new"),
    path("saved/<int:report_id>/", saved_views.saved_page, name="saved_report"),
    path("saved/<int:report_id>/act/<str:action>/", saved_views.saved_act, name="saved_report_act"),
    path("saved/<int:report_id>/compare/", saved_views.saved_compare, name="saved_report_compare"),
    path("saved/<int:report_id>/recount/", saved_views.saved_recount, name="saved_report_recount"),
    path("saved/<int:report_id>/report.docx", saved_views.saved_docx, name="saved_report_docx"),
    path("saved/<int:report_id>/tables.xlsx", saved_views.saved_xlsx, name="saved_report_xlsx"),
    path(
        "approximations/",
        approximation_views.approximations_page,
        name="report_approximations",
    ),
]
