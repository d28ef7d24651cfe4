from django.urls import reverse

from . import queries
from .home import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": [(item.label, reverse(item.url_name)) for item in nav_items(user)],
        "unread_count": queries.unread_count(user),
    }
