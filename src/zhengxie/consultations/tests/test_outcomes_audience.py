"""What an outcome's allowed readers see of it: the timeline (跟踪过程) holds no more than the
sections beside it. A member's satisfaction with a unit is the office's and that member's; a
unit reads of the sendings only the one to itself."""

import pytest

from zhengxie.consultations import services
from zhengxie.testing import read_as

from .outcomes_setup import informed, sent

pytestmark = pytest.mark.django_db
RATING = "县教育局:不满意"


def _reads(client, user, o) -> str:
    return read_as(client, user, f"/consultations/outcomes/{o.pk}/", f"/api/v1/outcomes/{o.pk}")


def test_a_members_rating_of_a_unit_is_read_by_the_office_and_that_member_only(p, client):
    o, _ = informed(p)
    services.outcome_rate(
        actor=p.plain.member.user, outcome=o, unit=p.unit, level="unsatisfied", note="答复敷衍"
    )
    for user in (p.staff, p.chair.member.user, p.plain.member.user):
        assert RATING in _reads(client, user, o), user
    for user in (p.another.member.user, p.unit_user):
        text = _reads(client, user, o)
        assert RATING not in text and "答复敷衍" not in text, user


def test_a_unit_reads_only_the_sending_to_itself_on_the_timeline(p, client):
    o = sent(p)  # to 县委
    for unit in (p.other_unit, p.unit):
        services.outcome_send(actor=p.staff, outcome=o, to="department", unit=unit)
    text = _reads(client, p.unit_user, o)
    assert "报送县教育局" in text
    assert "县委" not in text and "县水利局" not in text
    for user in (p.staff, p.chair.member.user):
        text = _reads(client, user, o)
        assert "报送县委" in text and "报送县水利局" in text
