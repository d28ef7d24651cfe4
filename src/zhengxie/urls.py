from django.urls import path

from zhengxie.api import api
from zhengxie.core import views as core
from zhengxie.meetings import views as meetings
from zhengxie.members import views as members
from zhengxie.opinions import views as opinions
from zhengxie.proposals import views as proposals

urlpatterns = [
    path("", core.home, name="home"),
    path("login/", core.login_view, name="login"),
    path("logout/", core.logout_view, name="logout"),
    path("password/", core.password_change, name="password_change"),
    path("inbox/", core.inbox, name="inbox"),
    path("inbox/read/", core.inbox_read, name="inbox_read"),
    path("audit/", core.audit_list, name="audit_list"),
    path("audit/verify/", core.audit_check, name="audit_check"),
    path("accounts/", core.account_list, name="account_list"),
    path("accounts/new/", core.account_create, name="account_create"),
    path("accounts/<int:user_id>/", core.account_detail, name="account_detail"),
    path("accounts/<int:user_id>/roles/", core.account_roles, name="account_roles"),
    path("accounts/<int:user_id>/unlock/", core.account_unlock, name="account_unlock"),
    path("accounts/<int:user_id>/password/", core.account_password, name="account_password"),
    path("accounts/<int:user_id>/active/", core.account_active, name="account_active"),
    path("accounts/resets/", core.reset_list, name="reset_list"),
    path(
        "accounts/resets/<int:reset_id>/<str:action>/",
        core.reset_decide,
        name="reset_decide",
    ),
    path("terms/", core.terms, name="terms"),
    path("terms/new/", core.term_new, name="term_new"),
    path("terms/sessions/new/", core.session_new, name="session_new"),
    path("calendar/", core.calendar_view, name="calendar"),
    path("calendar/<str:day>/remove/", core.calendar_remove, name="calendar_remove"),
    path("members/", members.directory, name="directory"),
    path("members/<int:member_id>/", members.member_detail, name="member_detail"),
    path("members/import/", members.roster_import, name="roster_import"),
    path("members/export/", members.directory_export_full, name="directory_export_full"),
    path("members/new/", members.member_new, name="member_new"),
    path("members/<int:member_id>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:member_id>/exit/", members.member_exit, name="member_exit"),
    path("organisation/", members.organisation, name="organisation"),
    path("organisation/liaison/", members.liaison_network, name="liaison"),
    path(
        "organisation/liaison/<int:contact_id>/<int:member_id>/remove/",
        members.liaison_remove,
        name="liaison_remove",
    ),
    path("units/", members.units, name="units"),
    path("units/<int:unit_id>/", members.unit_detail, name="unit_detail"),
    path("units/<int:unit_id>/active/", members.unit_active, name="unit_active"),
    path("accounts/unit/new/", members.unit_account_new, name="unit_account_new"),
    path("proposals/", proposals.proposal_list, name="proposal_list"),
    path("proposals/new/", proposals.proposal_new, name="proposal_new"),
    path("proposals/assign/", proposals.assign_bulk, name="proposal_assign_bulk"),
    path("proposals/overdue/", proposals.overdue_board, name="proposal_overdue"),
    path("proposals/stats/", proposals.stats_page, name="proposal_stats"),
    path("proposals/settings/", proposals.proposal_settings, name="proposal_settings"),
    path(
        "proposals/<int:proposal_id>/attach/", proposals.attachment_upload, name="proposal_attach"
    ),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/",
        proposals.attachment_download,
        name="proposal_file",
    ),
    path("proposals/<int:proposal_id>/", proposals.proposal_detail, name="proposal_detail"),
    path(
        "proposals/<int:proposal_id>/form.docx",
        proposals.proposal_form_docx,
        name="proposal_form_docx",
    ),
    path(
        "proposals/<int:proposal_id>/act/<str:action>/", proposals.proposal_act, name="proposal_act"
    ),
    path(
        "units/<int:unit_id>/notice.docx",
        proposals.assignment_notice_docx,
        name="assignment_notice",
    ),
    path("public/proposals/", proposals.public_committees, name="public_proposals"),
    path(
        "public/<int:committee_id>/proposals/",
        proposals.public_list,
        name="public_committee_proposals",
    ),
    path("public/proposals/<int:proposal_id>/", proposals.public_detail, name="public_proposal"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/stats/", meetings.meeting_stats, name="meeting_stats"),
    path("meetings/leave-rules/", meetings.leave_rules, name="meeting_leave_rules"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/respond/", meetings.meeting_respond, name="meeting_respond"),
    path(
        "meetings/<int:meeting_id>/leaves/<int:leave_id>/<str:action>/",
        meetings.leave_decide,
        name="meeting_leave_decide",
    ),
    path(
        "meetings/<int:meeting_id>/checkin/<int:member_id>/",
        meetings.staff_check_in,
        name="meeting_staff_check_in",
    ),
    path("meetings/<int:meeting_id>/close/", meetings.meeting_close, name="meeting_close"),
    path("meetings/<int:meeting_id>/screen/", meetings.meeting_screen, name="meeting_screen"),
    path("meetings/<int:meeting_id>/screen/qr/", meetings.meeting_hall_qr, name="meeting_hall_qr"),
    path(
        "meetings/<int:meeting_id>/attendance.xlsx",
        meetings.meeting_attendance_xlsx,
        name="meeting_attendance_xlsx",
    ),
    path("meetings/c/<str:token>/", meetings.meeting_scan, name="meeting_scan"),
    path(
        "meetings/<int:meeting_id>/speeches/", meetings.speech_submit, name="meeting_speech_submit"
    ),
    path(
        "meetings/<int:meeting_id>/speeches/<int:speech_id>/<str:action>/",
        meetings.speech_decide,
        name="meeting_speech_decide",
    ),
    path("meetings/briefings/", meetings.briefing_list, name="briefing_list"),
    path(
        "meetings/<int:meeting_id>/materials/",
        meetings.material_upload,
        name="meeting_material_upload",
    ),
    path(
        "meetings/<int:meeting_id>/materials/<int:material_id>/",
        meetings.material_download,
        name="meeting_material",
    ),
    path("meetings/briefings/<int:issue_id>.docx", meetings.briefing_docx, name="briefing_docx"),
    path("meetings/<int:meeting_id>/votes/new/", meetings.vote_new, name="meeting_vote_new"),
    path(
        "meetings/<int:meeting_id>/votes/<int:vote_id>/ballot/",
        meetings.vote_ballot,
        name="meeting_vote_ballot",
    ),
    path(
        "meetings/<int:meeting_id>/votes/<int:vote_id>/<str:action>/",
        meetings.vote_step,
        name="meeting_vote_step",
    ),
    path("opinions/", opinions.opinion_list, name="opinion_list"),
    path("opinions/new/", opinions.opinion_new, name="opinion_new"),
    path("opinions/<int:opinion_id>/", opinions.opinion_detail, name="opinion_detail"),
    path("opinions/<int:opinion_id>/act/<str:action>/", opinions.opinion_act, name="opinion_act"),
    path("opinions/<int:opinion_id>/attach/", opinions.opinion_attach, name="opinion_attach"),
    path(
        "opinions/<int:opinion_id>/files/<int:attachment_id>/",
        opinions.opinion_file,
        name="opinion_file",
    ),
    path("opinions/bulletins/", opinions.bulletin_list, name="bulletin_list"),
    path("opinions/issues/<int:issue_id>/", opinions.bulletin_issue, name="bulletin_issue"),
    path(
        "opinions/issues/<int:issue_id>.docx",
        opinions.bulletin_issue_docx,
        name="bulletin_issue_docx",
    ),
    path("opinions/instructions/", opinions.instruction_list, name="instruction_list"),
    path(
        "opinions/instructions/<int:instruction_id>/<str:action>/",
        opinions.instruction_act,
        name="instruction_act",
    ),
    path("opinions/stats/", opinions.stats_page, name="opinion_stats"),
    path("opinions/quotas/", opinions.quotas_page, name="opinion_quotas"),
    path("opinions/circular.docx", opinions.circular_docx, name="opinion_circular"),
    path("opinions/settings/", opinions.settings_page, name="opinion_settings"),
    path("api/", api.urls),
]
