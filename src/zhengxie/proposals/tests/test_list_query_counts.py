"""Every list page, export and list endpoint of proposals loads in the same number of queries
with a few rows and with many: an N+1 fails here (STYLE.md 17). The statistics pages are
pinned with the statistics registry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengxie.proposals import services
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, counter

from .conftest import Cycle


def _titled(make):
    def rows(p, numbers):
        return [make(Cycle(p), title=f"{ROW}{n}") for n in numbers]

    return rows


submitted = _titled(Cycle.submitted)
registered = _titled(Cycle.registered)
assigned = _titled(lambda cycle, **fields: cycle.assigned(co=True, **fields))
pending = _titled(Cycle.pending)
replied = _titled(Cycle.replied)


def invitations(p, numbers):
    """Joint proposals inviting 丁委员 to cosign."""
    for n in numbers:
        Cycle(p).submitted(kind="joint", cosigner_ids=[p.another.member.pk], title=f"{ROW}{n}")


def unsatisfied(p, numbers):
    for proposal in replied(p, numbers):
        services.proposal_evaluate(
            actor=p.plain.member.user, proposal=proposal, rating="unsatisfied", comment="未解决"
        )


def key_proposals(p, numbers):
    """Key proposals the chair supervises."""
    for proposal in assigned(p, numbers):
        services.proposal_mark_key(actor=p.staff, proposal=proposal, supervisor=p.chair)


def published(p, numbers):
    for proposal in replied(p, numbers):
        services.proposal_publish(actor=p.staff, proposal=proposal)


def handled(p, numbers):
    """One proposal in handling (`p.proposal`) whose contacts, timeline and the lead unit's
    files grow."""
    cycle = Cycle(p)
    if not hasattr(p, "proposal"):
        p.proposal = cycle.assigned(co=True)
    for n in numbers:
        services.proposal_contact(
            actor=cycle.unit, proposal=p.proposal, mode="phone", note=f"{ROW}{n}"
        )
        upload = SimpleUploadedFile(f"{ROW}{n}.pdf", b"%PDF-1.4 x")
        services.attachment_add(
            actor=cycle.unit, proposal=p.proposal, upload=upload, purpose="reply"
        )


PINS = [
    ListPin("/proposals/", "staff", submitted, queries=13),
    ListPin("/proposals/?state=submitted", "staff", submitted, queries=13),
    ListPin("/proposals/?format=xlsx", "staff", assigned, queries=9),
    ListPin("/proposals/", "plain.member.user", replied, queries=13),
    ListPin("/proposals/", "unit_user", assigned, queries=12),
    ListPin("/proposals/?all=1", "unit_user", replied, queries=12),
    ListPin("/proposals/?filter=mine", "plain.member.user", submitted, queries=12),
    ListPin("/proposals/?filter=to_evaluate", "plain.member.user", replied, queries=12),
    ListPin("/proposals/?filter=invited", "another.member.user", invitations, queries=12),
    ListPin("/proposals/?filter=second_round", "staff", unsatisfied, queries=12),
    ListPin("/proposals/?filter=unit_overdue", "unit_user", assigned, queries=12),
    ListPin("/proposals/?filter=reply_to_sign", "unit_user", pending, queries=12),
    ListPin("/proposals/?filter=supervised", "chair.member.user", key_proposals, queries=12),
    ListPin("/proposals/assign/", "staff", registered, queries=11),
    ListPin("/units/{p.unit.pk}/notice.docx", "staff", assigned, queries=11),
    ListPin("/proposals/overdue/", "staff", assigned, queries=9),
    ListPin("/public/{p.committee.pk}/proposals/", "", published, queries=3),
    ListPin("/proposals/{p.proposal.pk}/", "staff", handled, queries=33),
    # A member's page asks whether they endorsed it (撤回附议 is offered to the endorser).
    ListPin("/proposals/{p.proposal.pk}/", "plain.member.user", handled, queries=27),
    ListPin("/proposals/{p.proposal.pk}/", "unit_user", handled, queries=36),
    ListPin("/api/v1/proposals/{p.proposal.pk}", "unit_user", handled, queries=22, api=True),
    ListPin("/", "staff", submitted, queries=47, marker=counter("待审查")),
    ListPin("/", "staff", assigned, queries=47, marker=counter("超期未办结")),
    ListPin("/", "plain.member.user", replied, queries=32, marker=counter("待我评价的答复")),
    ListPin("/", "unit_user", assigned, queries=23, marker=counter("已超期")),
    ListPin("/api/v1/proposals", "staff", assigned, queries=5, api=True),
    ListPin("/api/v1/proposals", "plain.member.user", replied, queries=5, api=True),
    ListPin("/api/v1/proposals", "unit_user", replied, queries=3, api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_proposal_list_queries_do_not_grow_with_rows(
    pin, cycle, client, django_assert_num_queries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert_list_queries_pinned(pin, cycle.p, client, django_assert_num_queries)
