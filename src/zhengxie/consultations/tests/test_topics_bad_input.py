"""Bad input on the topics' and outcomes' entry pages is a Chinese error on the page, never a
500: ids beyond 64 bits among the members chosen (SQLite cannot bind them)."""

import pytest

from zhengxie.consultations.models import Outcome, Topic
from zhengxie.core.inputs import MAX_ID

pytestmark = pytest.mark.django_db
HUGE = str(2**70)


@pytest.mark.parametrize("chosen", [[HUGE], ["1", HUGE], [str(MAX_ID + 1)], ["-" + HUGE]])
def test_an_id_beyond_64_bits_among_the_cosigners_is_refused_on_the_page(p, login, chosen):
    client = login(p.plain.member.user)
    topic = {"title": "关于城区停车难的议题", "source": "members", "form": "thematic"}
    response = client.post("/consultations/topics/new/", topic | {"cosigners": chosen})
    assert response.status_code == 200 and "有效" in response.content.decode()
    assert not Topic.objects.exists()


@pytest.mark.parametrize("field", ["authors", "participants"])
def test_an_id_beyond_64_bits_among_an_outcomes_members_is_refused_on_the_page(p, login, field):
    outcome = {"kind": "brief", "title": "协商专报", "text": "正文", "written_on": "2026-05-06"}
    response = login(p.staff).post("/consultations/outcomes/new/", outcome | {field: [HUGE]})
    assert response.status_code == 200 and "有效" in response.content.decode()
    assert not Outcome.objects.exists()
