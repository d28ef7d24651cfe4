import pytest

from zhengxie.consultations.models import Consultation, Topic
from zhengxie.consultations.services import activities as services
from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent

from .activities_fixtures import DAY, consultation_of, topic_of

pytestmark = pytest.mark.django_db


def test_staff_create_a_planned_consultation_on_a_topic_and_it_is_audited(p):
    topic = topic_of(p)
    consultation = consultation_of(p, topic, title="  专题协商会  ", place="县政协三楼")
    assert consultation.state == Consultation.State.PLANNED
    assert consultation.title == "专题协商会"
    assert list(topic.consultations.all()) == [consultation]
    assert consultation.date == DAY
    assert AuditEvent.objects.filter(action="consultation.create").count() == 1


def test_only_staff_create_a_consultation(p):
    with pytest.raises(ServiceError) as refused:
        services.consultation_create(
            actor=p.plain.member.user, topic=topic_of(p), form="thematic", title="x", date=DAY
        )
    assert refused.value.status == 403


def test_no_consultation_on_another_committees_or_a_declined_topic(p, other):
    with pytest.raises(ServiceError) as foreign:
        consultation_of(p, topic_of(other))
    assert foreign.value.code == services.FOREIGN_TOPIC.code
    with pytest.raises(ServiceError) as declined:
        consultation_of(p, topic_of(p, state=Topic.State.DECLINED))
    assert declined.value.code == services.DECLINED_TOPIC.code
    assert not Consultation.objects.exists()


def test_a_consultation_needs_a_title_and_a_known_form(p):
    with pytest.raises(ServiceError):
        consultation_of(p, title="  ")
    with pytest.raises(ServiceError):
        consultation_of(p, form="tea_party")
