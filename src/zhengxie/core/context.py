from django.urls import reverse

from . import queries
from .home import nav_groups


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # A menu of one page shows as that page's link (a member's 提案, 会议, …).
        "nav_groups": [
            (group, [(item.label, reverse(item.url_name)) for item in items])
            for group, items in nav_groups(user)
        ],
        "unread_count": queries.unread_count(user),
    }
