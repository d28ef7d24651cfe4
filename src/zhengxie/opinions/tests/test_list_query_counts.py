"""Every list page, export and list endpoint of 社情民意, and the items a bulletin issue lists,
loads in the same number of queries with a few rows and with many: an N+1 fails here
(STYLE.md 17). The statistics pages are pinned with the statistics registry."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.members.services import liaison_station_create
from zhengxie.opinions import services
from zhengxie.opinions.models import Bulletin
from zhengxie.testing import ROW, ListPin, assert_list_queries_pinned, counter


def _made(make, **fields):
    def rows(p, numbers):
        return [make(p.flow, title=f"{ROW}{n}", **fields) for n in numbers]

    return rows


submitted = _made(lambda flow, **fields: flow.submitted(**fields))
urgent = _made(lambda flow, **fields: flow.submitted(**fields), urgent=True)
accepted = _made(lambda flow, **fields: flow.accepted(**fields))
approved = _made(lambda flow, **fields: flow.approved(**fields))


def returned(p, numbers):
    for opinion in submitted(p, numbers):
        services.opinion_return(actor=p.staff, opinion=opinion, reason="请补充材料")


def _bulletin(p):
    return Bulletin.objects.get(committee=p.committee, name="各界反映")


def issues(p, numbers):
    """Printed issues, one item each."""
    for n, opinion in zip(numbers, approved(p, numbers), strict=True):
        issue = services.bulletin_issue_create(
            actor=p.staff, bulletin=_bulletin(p), title=f"{ROW}期{n}", opinions=[opinion]
        )
        services.bulletin_issue_publish(actor=p.staff, issue=issue)


def issue_items(p, numbers):
    """A draft issue (`p.issue`) with co-authored items."""
    if not hasattr(p, "issue"):
        p.issue = services.bulletin_issue_create(actor=p.staff, bulletin=_bulletin(p), title="本期")
    for n in numbers:
        opinion = p.flow.approved(title=f"{ROW}{n}", author_ids=[p.another.member.pk])
        services.bulletin_issue_add(actor=p.staff, issue=p.issue, opinion=opinion)


def instructions(p, numbers):
    """Leaders' instructions to 县教育局, already past their due date."""
    for n, opinion in zip(numbers, approved(p, numbers), strict=True):
        services.opinion_instruct(
            actor=p.staff,
            opinion=opinion,
            leader="县长",
            text=f"{ROW}批示{n}",
            unit=p.unit,
            due_on=timezone.localdate() - timedelta(days=1),
        )


def quotas(p, numbers):
    for n in numbers:
        station = liaison_station_create(
            actor=p.staff, committee=p.committee, name=f"{ROW}站{n}", township="城关镇"
        )
        services.opinion_quota_set(
            actor=p.staff, committee=p.committee, year=date.today().year, target=4, station=station
        )


def followed_up(p, numbers):
    """One approved item (`p.opinion`) whose instructions, timeline and files grow."""
    if not hasattr(p, "opinion"):
        p.opinion = p.flow.approved()
    for n in numbers:
        services.opinion_instruct(
            actor=p.staff, opinion=p.opinion, leader="县长", text=f"{ROW}批示{n}", unit=p.unit
        )
        upload = SimpleUploadedFile(f"{ROW}{n}.pdf", b"%PDF-1.4 x")
        services.opinion_attach(actor=p.staff, opinion=p.opinion, upload=upload)


PINS = [
    ListPin("/opinions/", "staff", submitted, queries=12),
    ListPin("/opinions/", "plain.member.user", approved, queries=14),
    ListPin("/opinions/?format=xlsx", "staff", approved, queries=9),
    ListPin("/opinions/?filter=urgent_open", "staff", urgent, queries=12),
    ListPin("/opinions/?filter=to_review", "flow.reviewer", accepted, queries=12),
    ListPin("/opinions/?filter=returned", "plain.member.user", returned, queries=14),
    ListPin("/opinions/?filter=ready", "staff", approved, queries=12),
    ListPin("/opinions/bulletins/", "staff", issues, queries=13),
    ListPin("/opinions/issues/{p.issue.pk}/", "staff", issue_items, queries=13),
    ListPin("/opinions/issues/{p.issue.pk}.docx", "staff", issue_items, queries=11),
    ListPin("/opinions/instructions/", "staff", instructions, queries=11),
    ListPin("/opinions/instructions/?filter=overdue", "unit_user", instructions, queries=12),
    ListPin("/opinions/quotas/", "staff", quotas, queries=15),
    ListPin("/opinions/{p.opinion.pk}/", "staff", followed_up, queries=21),
    ListPin("/opinions/{p.opinion.pk}/", "plain.member.user", followed_up, queries=20),
    ListPin("/api/v1/opinions/{p.opinion.pk}", "staff", followed_up, queries=12, api=True),
    ListPin("/", "staff", urgent, queries=47, marker=counter("预警信息待处理")),
    ListPin("/", "staff", instructions, queries=47, marker=counter("批示办理超期")),
    ListPin("/", "plain.member.user", returned, queries=32, marker=counter("退回待补充")),
    ListPin("/api/v1/opinions", "staff", submitted, queries=5, api=True),
    ListPin("/api/v1/opinions", "plain.member.user", approved, queries=7, api=True),
]


@pytest.mark.parametrize("pin", PINS, ids=str)
def test_opinion_list_queries_do_not_grow_with_rows(
    pin, p, flow, client, django_assert_num_queries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    p.flow = flow
    assert_list_queries_pinned(pin, p, client, django_assert_num_queries)
