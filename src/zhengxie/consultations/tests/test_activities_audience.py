"""What the activities' allowed pages show: a proposal handling consultation concerns
submitted proposals; a member's draft is the member's alone (proposals' audience), so it is
neither offered to the office nor linked, on the page or through the API. The speeches at a
consultation's meeting keep the meetings app's audience."""

import pytest

from zhengxie.consultations.models import Form
from zhengxie.consultations.services import activities as services
from zhengxie.core.errors import ServiceError
from zhengxie.meetings.speeches import speech_submit
from zhengxie.proposals.services import proposal_create
from zhengxie.proposals.tests.conftest import cycle_for
from zhengxie.testing import read_as

from .activities_fixtures import consultation_of, researched

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


def _reads(client, user, consultation) -> str:
    pk = consultation.pk
    return read_as(client, user, f"/consultations/{pk}/", f"/api/v1/consultations/{pk}")


def test_a_member_reads_only_their_own_speech_at_a_consultation_meeting(p, client):
    """As on the meeting's own pages: staff and leaders read every speech, a member theirs."""
    consultation = consultation_of(p, researched(p))
    invitees = [p.plain.member.pk, p.another.member.pk]
    services.consultation_convene(
        actor=p.staff, consultation=consultation, invite_rule="none", invitee_ids=invitees
    )
    consultation.refresh_from_db()
    for persona, title in ((p.plain, "李委员的发言"), (p.another, "丁委员的发言")):
        speech_submit(
            actor=persona.member.user,
            meeting=consultation.meeting,
            kind="oral",
            title=title,
            text="发言稿",
        )
    for user in (p.staff, p.chair.member.user):
        text = _reads(client, user, consultation)
        assert "李委员的发言" in text and "丁委员的发言" in text
    text = _reads(client, p.plain.member.user, consultation)
    assert "李委员的发言" in text and "丁委员的发言" not in text
