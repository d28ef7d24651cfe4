"""Bad input on an outcome is a Chinese 400, never a 500, on SQLite as on PostgreSQL."""

import pytest

from zhengxie.consultations.models import Outcome
from zhengxie.consultations.services.outcomes import MAX_SUGGESTIONS

pytestmark = pytest.mark.django_db
NEW = {
    "kind": "brief",
    "title": "关于优化营商环境的协商专报",
    "text": "正文",
    "written_on": "2026-05-06",
}
LIMIT = f"{MAX_SUGGESTIONS}条"


# A suggestion's number is a smallint: PostgreSQL refused the 32768th with a DataError.
@pytest.mark.parametrize("count", [MAX_SUGGESTIONS + 1, 2**15])
def test_an_outcome_has_at_most_its_limit_of_numbered_suggestions(p, api, count):
    api.login(p.staff)
    response = api.post("/api/v1/outcomes", NEW | {"suggestions": ["一条建议"] * count})
    assert (response.status_code, response.json()["code"]) == (400, "too_many_suggestions")
    assert LIMIT in response.json()["detail"]
    assert not Outcome.objects.exists()


def test_the_page_says_so_when_an_outcome_has_too_many_suggestions(p, login):
    lines = "\n".join(["一条建议"] * (MAX_SUGGESTIONS + 1))
    response = login(p.staff).post("/consultations/outcomes/new/", NEW | {"suggestions": lines})
    assert response.status_code == 200 and LIMIT in response.content.decode()
    assert not Outcome.objects.exists()


def test_an_outcome_at_its_limit_of_suggestions_is_entered(p, api):
    api.login(p.staff)
    response = api.post("/api/v1/outcomes", NEW | {"suggestions": ["一条建议"] * MAX_SUGGESTIONS})
    assert response.status_code == 201, response.content
    assert Outcome.objects.get().suggestions.count() == MAX_SUGGESTIONS
