"""The proposal list's search is one filter (proposals.queries.filtered) read by the page
and the API alike."""

import re

import pytest

from zhengxie.proposals.tests.test_api import login_api


def _page_ids(client, **params) -> list[int]:
    html = client.get("/proposals/", params).content.decode()
    return sorted({int(pk) for pk in re.findall(r'href="/proposals/(\d+)/"', html)})


def _api_ids(call, **params) -> list[int]:
    return sorted(r["id"] for r in call("get", "/api/v1/proposals", params).json()["items"])


@pytest.mark.parametrize("q", ["寄宿", "  寄宿  ", "\t寄宿"])
def test_proposal_search_reads_the_same_on_page_and_api(cycle, p, login, client, q):
    wanted = cycle.submitted().pk
    cycle.submitted(title="关于改善县城交通的建议")
    page = _page_ids(login(p.staff), q=q)
    api = _api_ids(login_api(client, p.staff), q=q)
    assert page == api == [wanted]


def test_proposal_unit_filter_reads_the_same_on_page_and_api(cycle, p, login, client):
    wanted = cycle.assigned().pk
    cycle.submitted(title="关于改善县城交通的建议")
    page = _page_ids(login(p.staff), unit=p.unit.pk)
    api = _api_ids(login_api(client, p.staff), unit_id=p.unit.pk)
    assert page == api == [wanted]
