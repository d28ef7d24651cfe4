"""A member's draft is theirs to revise, on its page and through the API, until they
submit it; nobody else edits it, and a submitted proposal is no longer a draft."""

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent, Notification
from zhengxie.proposals import services
from zhengxie.proposals.models import Category


def codes(fn, **kwargs):
    with pytest.raises(ServiceError) as exc:
        fn(**kwargs)
    return exc.value.status, exc.value.code


def _draft(cycle, **fields):
    return cycle.submitted(submit=False, **fields)


def test_the_proposer_revises_their_draft_and_submits_it(cycle):
    p, draft = cycle.p, _draft(cycle)
    category = Category.objects.get(committee=p.committee)
    services.proposal_edit_draft(
        actor=cycle.member,
        proposal=draft,
        title="关于改善农村寄宿制学校条件的建议",
        analysis="投入不足。",
        category=category,
        suggested_units=[p.unit],
        cosigner_ids=[p.another.member_id],
    )
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.title == "关于改善农村寄宿制学校条件的建议"
    assert draft.category == category and list(draft.suggested_units.all()) == [p.unit]
    assert [c.member_id for c in draft.cosigners.all()] == [p.another.member_id]
    event = AuditEvent.objects.get(action="proposal.edit_draft")
    assert event.after["cosigners"] == [p.another.member_id]
    submitted = services.proposal_edit_draft(
        actor=cycle.member, proposal=draft, suggestions="增加投入。", submit=True
    )
    assert submitted.state == "submitted" and submitted.suggestions == "增加投入。"


def test_nobody_else_edits_a_draft(cycle):
    p = cycle.p
    draft = _draft(cycle, kind="joint", cosigner_ids=[p.another.member_id])
    for actor in (p.another.member.user, p.standing.member.user, p.staff):
        assert codes(
            services.proposal_edit_draft, actor=actor, proposal=draft, title="别人改的"
        ) == (403, "proposal_forbidden")
    draft.refresh_from_db()
    assert draft.title != "别人改的"


def test_a_submitted_proposal_can_no_longer_be_edited(cycle):
    proposal = cycle.submitted()
    assert codes(
        services.proposal_edit_draft, actor=cycle.member, proposal=proposal, title="改"
    ) == (409, "proposal_wrong_state")


def test_dropping_a_cosigner_withdraws_the_invitation_and_a_new_one_is_invited(cycle):
    p = cycle.p
    draft = _draft(cycle, kind="joint", cosigner_ids=[p.another.member_id])
    services.proposal_edit_draft(
        actor=cycle.member, proposal=draft, cosigner_ids=[p.standing.member_id]
    )
    assert [c.member_id for c in draft.cosigners.all()] == [p.standing.member_id]
    assert Notification.objects.filter(
        recipient=p.standing.member.user, title__contains="邀请您联名"
    ).exists()


def test_a_joint_draft_keeps_at_least_one_cosigner(cycle):
    p = cycle.p
    draft = _draft(cycle, kind="joint", cosigner_ids=[p.another.member_id])
    assert codes(
        services.proposal_edit_draft, actor=cycle.member, proposal=draft, cosigner_ids=[]
    ) == (400, "joint_needs_cosigners")
    assert draft.cosigners.count() == 1


def test_a_draft_names_only_this_committees_categories_and_units(cycle, other):
    draft = _draft(cycle)
    foreign = Category.objects.create(committee=other.committee, name="外会类别")
    assert codes(
        services.proposal_edit_draft, actor=cycle.member, proposal=draft, category=foreign
    ) == (400, "invalid_input")
    assert codes(
        services.proposal_edit_draft,
        actor=cycle.member,
        proposal=draft,
        suggested_units=[other.unit],
    ) == (400, "wrong_unit")


def _form(proposal, **extra):
    return {
        "title": proposal.title,
        "situation": proposal.situation,
        "analysis": "",
        "suggestions": proposal.suggestions,
        **extra,
    }


def test_the_proposer_edits_a_draft_on_its_page(cycle, login):
    draft = _draft(cycle)
    client = login(cycle.member)
    assert f"/proposals/{draft.pk}/edit/" in client.get(f"/proposals/{draft.pk}/").content.decode()
    page = client.get(f"/proposals/{draft.pk}/edit/").content.decode()
    assert "修改提案草稿" in page and draft.title in page
    response = client.post(
        f"/proposals/{draft.pk}/edit/", _form(draft, title="新的案由", draft="1"), follow=True
    )
    assert "草稿已保存。" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.title == "新的案由"
    client.post(f"/proposals/{draft.pk}/edit/", _form(draft))
    draft.refresh_from_db()
    assert draft.state == "submitted"


def test_the_draft_edit_page_is_refused_to_others_and_after_submission(cycle, login):
    p = cycle.p
    draft = _draft(cycle, kind="joint", cosigner_ids=[p.another.member_id])
    cosigner = login(p.another.member.user)
    assert "修改草稿" not in cosigner.get(f"/proposals/{draft.pk}/").content.decode()
    assert cosigner.get(f"/proposals/{draft.pk}/edit/").status_code == 403
    assert cosigner.post(f"/proposals/{draft.pk}/edit/", _form(draft)).status_code == 403
    assert login(p.standing.member.user).get(f"/proposals/{draft.pk}/edit/").status_code == 404
    owner = login(cycle.member)
    assert owner.put(f"/proposals/{draft.pk}/edit/").status_code == 405
    services.proposal_submit(actor=cycle.member, proposal=draft)
    assert owner.get(f"/proposals/{draft.pk}/edit/").status_code == 403
    draft.refresh_from_db()
    assert draft.state == "submitted"


def test_the_proposer_edits_a_draft_through_the_api(cycle, api):
    p, draft = cycle.p, _draft(cycle)
    client = api.login(cycle.member)
    response = client.patch(
        f"/api/v1/proposals/{draft.pk}",
        {"title": "接口修改的案由", "suggested_unit_ids": [p.unit.pk]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "接口修改的案由" and body["state"] == "draft"
    assert "submit" in [a["name"] for a in body["actions"]]
    response = client.patch(f"/api/v1/proposals/{draft.pk}", {"submit": True})
    assert response.json()["state"] == "submitted"
    assert AuditEvent.objects.filter(action="proposal.edit_draft").count() == 2


def test_the_api_refuses_to_edit_others_drafts_and_submitted_proposals(cycle, api):
    p = cycle.p
    draft = _draft(cycle, kind="joint", cosigner_ids=[p.another.member_id])
    response = api.login(p.another.member.user).patch(
        f"/api/v1/proposals/{draft.pk}", {"title": "别人改的"}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "proposal_forbidden" and response.json()["detail"]
    stranger = api.login(p.standing.member.user)
    assert stranger.patch(f"/api/v1/proposals/{draft.pk}", {"title": "x"}).status_code == 404
    submitted = cycle.submitted()
    response = api.login(cycle.member).patch(f"/api/v1/proposals/{submitted.pk}", {"title": "改"})
    assert response.status_code == 409
    assert response.json()["code"] == "proposal_wrong_state"
    draft.refresh_from_db()
    assert draft.title != "别人改的"


def test_the_edit_page_starts_from_the_drafts_cosigners_and_keeps_them(cycle, login):
    p = cycle.p
    draft = _draft(cycle, kind="joint", cosigner_ids=[p.another.member_id])
    client = login(cycle.member)
    page = client.get(f"/proposals/{draft.pk}/edit/").content.decode()
    assert f'value="{p.another.member_id}"' in page and "checked" in page
    client.post(
        f"/proposals/{draft.pk}/edit/",
        _form(draft, title="联名提案新案由", cosigners=[p.another.member_id], draft="1"),
    )
    draft.refresh_from_db()
    assert draft.title == "联名提案新案由"
    assert [c.member_id for c in draft.cosigners.all()] == [p.another.member_id]
