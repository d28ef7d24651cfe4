from django.urls import reverse

from zhengxie.members.permissions import can_manage_members, can_view_directory, can_view_units

from . import permissions, queries


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = [
        ("首页", reverse("home"), True),
        ("委员名录", reverse("directory"), can_view_directory(user)),
        ("组织机构", reverse("organisation"), can_view_directory(user)),
        ("联系委员", reverse("liaison"), can_manage_members(user)),
        ("承办单位", reverse("units"), can_view_units(user)),
        ("工作日历", reverse("calendar"), permissions.can_edit_calendar(user)),
        ("账号管理", reverse("account_list"), permissions.can_view_accounts(user)),
        ("安全审计", reverse("audit_list"), permissions.can_read_audit(user)),
    ]
    return {
        "nav_items": [(label, url) for label, url, shown in items if shown],
        "unread_count": queries.unread_count(user),
    }
