"""网络议政 takes written opinions inside its window only: the service refuses one outside it
(409 online_closed), so neither the page nor the API offers the form then."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zhengxie.consultations.models import Form
from zhengxie.consultations.services import activities as services
from zhengxie.core.services import api_token_issue

from .activities_fixtures import consultation_of

pytestmark = pytest.mark.django_db
OPINE = "提交书面意见"


def _online(p, opens, closes):
    consultation = consultation_of(p, form=Form.ONLINE, title="网络议政:城区停车难")
    if opens is None:
        return consultation
    now = timezone.now()
    return services.consultation_open_online(
        actor=p.staff,
        consultation=consultation,
        opens_at=now + timedelta(hours=opens),
        closes_at=now + timedelta(hours=closes),
    )


def _offered(client, user, consultation) -> tuple[bool, bool]:
    client.force_login(user)
    page = client.get(f"/consultations/{consultation.pk}/").content.decode()
    headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}
    body = client.get(f"/api/v1/consultations/{consultation.pk}", headers=headers).json()
    return OPINE in page, "opine" in body["actions"]


@pytest.mark.parametrize(
    ("opens", "closes", "offered"),
    [(None, None, False), (1, 3, False), (-3, -1, False), (-1, 1, True)],
    ids=["no window", "not yet open", "closed", "open"],
)
def test_the_opinion_form_is_offered_inside_the_online_window_only(
    p, client, opens, closes, offered
):
    consultation = _online(p, opens, closes)
    assert _offered(client, p.plain.member.user, consultation) == (offered, offered)


def test_a_consultation_that_is_not_online_offers_the_opinion_form_at_any_time(p, client):
    consultation = consultation_of(p, form=Form.WRITTEN, title="书面协商")
    assert _offered(client, p.plain.member.user, consultation) == (True, True)
