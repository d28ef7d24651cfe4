"""What the activities' allowed pages show: a proposal handling consultation concerns
submitted proposals; a member's draft is the member's alone (proposals' audience), so it is
neither offered to the office nor linked, on the page or through the API."""

import pytest

from zhengxie.consultations.models import Form
from zhengxie.consultations.services import activities as services
from zhengxie.core.errors import ServiceError
from zhengxie.proposals.services import proposal_create
from zhengxie.proposals.tests.conftest import cycle_for

from .activities_fixtures import consultation_of

pytestmark = pytest.mark.django_db
DRAFT = "关于李委员尚未提交的草稿的提案"


def _draft(p):
    return proposal_create(
        actor=p.plain.member.user, kind="individual", title=DRAFT, situation="情况", submit=False
    )


def test_a_members_draft_proposal_is_not_offered_for_a_proposal_handling_consultation(p, login):
    draft, registered = _draft(p), cycle_for(p).registered()
    consultation = consultation_of(p, form=Form.PROPOSAL_HANDLING)
    html = login(p.staff).get(f"/consultations/{consultation.pk}/").content.decode()
    assert registered.title in html and DRAFT not in html
    assert draft.state == draft.State.DRAFT


def test_a_members_draft_proposal_is_not_linked_to_a_consultation(p, api):
    draft = _draft(p)
    consultation = consultation_of(p, form=Form.PROPOSAL_HANDLING)
    api.login(p.staff)
    path = f"/api/v1/consultations/{consultation.pk}/actions/link_proposals"
    assert api.post(path, {"proposal_ids": [draft.pk]}).status_code == 404
    with pytest.raises(ServiceError):
        services.consultation_link_proposals(
            actor=p.staff, consultation=consultation, proposals=[draft]
        )
    assert not consultation.proposals.exists()
