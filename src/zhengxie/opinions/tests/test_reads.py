"""The opinion list's search is one filter (opinions.queries.filtered) read by the page and
the API alike."""

import re

import pytest

from zhengxie.proposals.tests.test_api import login_api


def _page_ids(client, **params) -> list[int]:
    html = client.get("/opinions/", params).content.decode()
    return sorted({int(pk) for pk in re.findall(r'href="/opinions/(\d+)/"', html)})


def _api_ids(call, **params) -> list[int]:
    return sorted(r["id"] for r in call("get", "/api/v1/opinions", params).json()["items"])


@pytest.mark.parametrize("q", ["交通", "  交通  ", "\t交通"])
def test_opinion_search_reads_the_same_on_page_and_api(flow, p, login, client, q):
    wanted = flow.submitted().pk
    flow.submitted(title="关于农贸市场环境卫生的反映")
    page = _page_ids(login(p.staff), q=q)
    api = _api_ids(login_api(client, p.staff), q=q)
    assert page == api == [wanted]


def test_opinion_urgent_filter_reads_the_same_on_page_and_api(flow, p, login, client):
    wanted = flow.submitted(urgent=True).pk
    flow.submitted(title="关于农贸市场环境卫生的反映")
    page = _page_ids(login(p.staff), urgent=1)
    api = _api_ids(login_api(client, p.staff), urgent="true")
    assert page == api == [wanted]
