"""A committee's defaults (opinion categories and bulletins, the proposal and opinion rules)
are created when the committee is set up, under an audit row; pages only read them."""

import importlib

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengxie.consultations.models import ContentCategory
from zhengxie.core.models import AuditEvent
from zhengxie.core.services import committee_create, committee_setup
from zhengxie.duty.models import ActivityKind
from zhengxie.opinions import services as opinions
from zhengxie.opinions.models import Bulletin, OpinionCategory, OpinionPolicy
from zhengxie.proposals import services as proposals
from zhengxie.proposals.models import ProposalPolicy

WRITES = ("INSERT", "UPDATE", "DELETE")


def _defaults(committee) -> dict:
    return {
        "categories": OpinionCategory.objects.filter(committee=committee).count(),
        "bulletins": Bulletin.objects.filter(committee=committee).count(),
        "opinion_policy": OpinionPolicy.objects.filter(committee=committee).exists(),
        "proposal_policy": ProposalPolicy.objects.filter(committee=committee).exists(),
        "content_categories": ContentCategory.objects.filter(committee=committee).count(),
        "activity_kinds": ActivityKind.objects.filter(committee=committee).count(),
    }


def _remove_defaults(committee) -> None:
    OpinionCategory.objects.filter(committee=committee).delete()
    Bulletin.objects.filter(committee=committee).delete()
    OpinionPolicy.objects.filter(committee=committee).delete()
    ProposalPolicy.objects.filter(committee=committee).delete()
    ContentCategory.objects.filter(committee=committee).delete()
    ActivityKind.objects.filter(committee=committee).delete()


def test_committee_setup_creates_defaults_with_an_audit_row(p):
    committee = committee_create(actor=p.sysadmin, name="新设区政协", full_name="新设区政协")
    assert _defaults(committee) == {
        "categories": 7,
        "bulletins": 3,
        "opinion_policy": True,
        "proposal_policy": True,
        "content_categories": 12,
        "activity_kinds": 5,
    }
    event = AuditEvent.objects.get(action="committee.setup", committee=committee)
    assert event.actor == p.sysadmin
    assert set(event.after) == {
        "opinion_categories",
        "bulletins",
        "opinion_policy",
        "proposal_policy",
        "content_categories",
        "activity_kinds",
    }
    assert AuditEvent.objects.filter(action="committee.create", committee=committee).exists()


def test_committee_setup_run_again_creates_only_what_is_missing(p):
    setups = AuditEvent.objects.filter(action="committee.setup", committee=p.committee)
    assert setups.count() == 1
    assert committee_setup(actor=None, committee=p.committee) == {}
    assert setups.count() == 1
    Bulletin.objects.filter(committee=p.committee).delete()
    assert set(committee_setup(actor=None, committee=p.committee)) == {"bulletins"}
    assert _defaults(p.committee)["bulletins"] == 3


def test_the_migrations_create_the_defaults_an_older_committee_lacks(p):
    _remove_defaults(p.committee)
    for module in (
        "zhengxie.proposals.migrations.0006_handling_rules_for_every_committee",
        "zhengxie.opinions.migrations.0003_defaults_for_every_committee",
        "zhengxie.consultations.migrations.0005_categories_for_every_committee",
        "zhengxie.duty.migrations.0005_self_reports",
    ):
        importlib.import_module(module).create_missing(apps, None)
    assert _defaults(p.committee) == {
        "categories": 7,
        "bulletins": 3,
        "opinion_policy": True,
        "proposal_policy": True,
        "content_categories": 12,
        "activity_kinds": 5,
    }


def _pages(p, issue: bool = True) -> list[tuple[object, str]]:
    proposal = proposals.proposal_create(
        actor=p.plain.member.user, kind="individual", title="关于学校的建议", situation="情况。"
    )
    opinion = opinions.opinion_submit(
        actor=p.plain.member.user, title="关于交通的反映", text="情况。", channel="visit"
    )
    staff_pages = [
        "/proposals/",
        f"/proposals/{proposal.pk}/",
        "/proposals/settings/",
        "/opinions/",
        f"/opinions/{opinion.pk}/",
        "/opinions/bulletins/",
        "/opinions/settings/",
        "/consultations/topics/new/",
        "/consultations/plans/",
        "/duty/scores/",
        "/self-reports/",
    ]
    if issue:
        bulletin = Bulletin.objects.filter(committee=p.committee).first()
        made = opinions.bulletin_issue_create(actor=p.staff, bulletin=bulletin, title="第1期")
        staff_pages.append(f"/opinions/issues/{made.pk}/")
    member_pages = ["/proposals/new/", "/opinions/new/", f"/proposals/{proposal.pk}/"]
    member_pages += ["/self-reports/", "/duty/record/"]
    return [(p.staff, url) for url in staff_pages] + [
        (p.plain.member.user, url) for url in member_pages
    ]


def _writes_of_viewing(login, pages) -> list[str]:
    writes = []
    for user, url in pages:
        client = login(user)
        client.get("/")  # the session row is written on login, not by the page
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        writes += [
            f"{url}: {q['sql'][:80]}"
            for q in captured
            if q["sql"].lstrip().upper().startswith(WRITES) and "django_session" not in q["sql"]
        ]
    return writes


def test_viewing_pages_writes_nothing(p, login):
    pages = _pages(p)
    audit_rows = AuditEvent.objects.count()
    assert _writes_of_viewing(login, pages) == []
    assert AuditEvent.objects.count() == audit_rows


def test_pages_of_a_committee_lacking_its_defaults_read_without_writing(p, login):
    pages = _pages(p, issue=False)
    _remove_defaults(p.committee)
    assert _writes_of_viewing(login, pages) == []
    assert _defaults(p.committee) == {
        "categories": 0,
        "bulletins": 0,
        "opinion_policy": False,
        "proposal_policy": False,
        "content_categories": 0,
        "activity_kinds": 0,
    }
