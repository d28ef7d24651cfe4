"""Bad input on the activities' create and action payloads is a Chinese 400, never a 500, on
SQLite as on PostgreSQL."""

import pytest

from zhengxie.consultations.models import Consultation

from .activities_fixtures import DAY, consultation_of, topic_of

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


# pydantic reads "09:00+08:00" and a bare number of seconds as a time of day with a zone;
# SQLite cannot store one (ValueError), and a zone means nothing without a date.
@pytest.mark.parametrize("value", ["09:00+08:00", "14:30:00Z", 0, 3600])
def test_a_time_of_day_with_a_zone_is_a_chinese_400(p, api, value):
    consultation = consultation_of(p)
    api.login(p.staff)
    moved = api.post(
        f"{BASE}/{consultation.pk}/actions/reschedule", {"date": str(DAY), "time": value}
    )
    assert (moved.status_code, moved.json()["code"]) == (400, "invalid_input"), moved.content
    assert "时区" in moved.json()["detail"]
    body = {"topic_id": topic_of(p).pk, "form": "bimonthly", "title": "座谈会", "date": str(DAY)}
    created = api.post(BASE, body | {"time": value})
    assert (created.status_code, created.json()["code"]) == (400, "invalid_input")
    assert Consultation.objects.count() == 1
    consultation.refresh_from_db()
    assert consultation.time is None
