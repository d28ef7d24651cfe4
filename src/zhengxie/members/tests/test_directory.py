from io import BytesIO

import pytest
from openpyxl import load_workbook

from zhengxie.members.services import member_create, member_update

NAMES_IN_STROKE_ORDER = ["丁委员", "王常委", "李委员", "张主席"]


def _names(page: str) -> list[str]:
    return [n for n in NAMES_IN_STROKE_ORDER + ["马委员"] if n in page]


def _order(page: str, names: list[str]) -> list[str]:
    return sorted(names, key=page.index)


def test_directory_is_ordered_by_surname_strokes(p, login):
    page = login(p.staff).get("/members/").content.decode()
    assert _order(page, NAMES_IN_STROKE_ORDER) == NAMES_IN_STROKE_ORDER


def test_directory_finds_a_member_by_name(p, login):
    page = login(p.staff).get("/members/", {"q": "李"}).content.decode()
    assert _names(page) == ["李委员"]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("sector", ["丁委员", "李委员"]),
        ("standing", ["王常委", "张主席"]),
        ("special_committee", ["王常委"]),
        ("station", ["李委员"]),
    ],
)
def test_directory_filters(p, login, field, expected):
    value = {
        "sector": p.education.pk,
        "standing": "1",
        "special_committee": p.special.pk,
        "station": p.station.pk,
    }[field]
    page = login(p.staff).get("/members/", {field: value}).content.decode()
    assert _names(page) == expected


def test_htmx_search_returns_only_the_rows(p, login):
    response = login(p.staff).get("/members/", {"q": "丁"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "丁委员" in page


def test_directory_query_count_is_pinned_and_does_not_grow(p, login, django_assert_num_queries):
    client = login(p.staff)
    with django_assert_num_queries(14):
        client.get("/members/")
    for name in ["马一", "马二", "马三"]:
        member_create(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            sector=p.economy,
            station=p.station,
            special_committees=[p.special],
            name=name,
            gender="男",
            party="群众",
            employer_title="某单位",
        )
    with django_assert_num_queries(14):
        client.get("/members/")


def test_members_see_other_members_phone_masked(p, login):
    page = login(p.plain.member.user).get("/members/").content.decode()
    assert "138****0002" in page and "13800000002" not in page


def test_staff_see_phone_numbers_in_full(p, login):
    assert "13800000002" in login(p.staff).get("/members/").content.decode()


def test_member_profile_masks_id_number_for_other_members(p, login):
    page = login(p.plain.member.user).get(f"/members/{p.standing.member_id}/").content.decode()
    assert "1101**********0017" in page and "110105196001010017" not in page


def test_member_sees_own_personal_data_in_full(p, login):
    page = login(p.plain.member.user).get(f"/members/{p.plain.member_id}/").content.decode()
    assert "110105197001010011" in page and "13800000003" in page


def test_leaders_see_phones_but_not_id_numbers(p, login):
    page = login(p.chair.member.user).get(f"/members/{p.plain.member_id}/").content.decode()
    assert "13800000003" in page and "110105197001010011" not in page


def test_units_cannot_browse_the_directory(p, login):
    assert login(p.unit_user).get("/members/").status_code == 403


def test_other_committees_members_are_not_visible(p, other, login):
    client = login(p.staff)
    assert "王常委" in client.get("/members/").content.decode()
    assert client.get(f"/members/{other.plain.member_id}/").status_code == 404
    assert other.plain.member_id != p.plain.member_id


def _sheet(response):
    return load_workbook(BytesIO(response.content)).active


def test_directory_exports_to_xlsx_with_formulas_neutralised(p, login):
    member_update(actor=p.staff, member=p.plain.member, employer_title='=HYPERLINK("x")')
    sheet = _sheet(login(p.staff).get("/members/", {"format": "xlsx"}))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "姓名", "性别")
    employer = rows[0].index("工作单位及职务")
    li = next(r for r in rows if r[1] == "李委员")
    assert li[employer] == '\'=HYPERLINK("x")'
    assert [r[1] for r in rows[1:]] == NAMES_IN_STROKE_ORDER


def test_member_export_masks_personal_data(p, login):
    sheet = _sheet(login(p.plain.member.user).get("/members/", {"format": "xlsx"}))
    rows = list(sheet.iter_rows(values_only=True))
    phone = rows[0].index("联系电话")
    assert next(r for r in rows if r[1] == "王常委")[phone] == "138****0002"


@pytest.mark.parametrize("export", ["sectors", "special_committees", "stations"])
def test_organisation_lists_export(p, login, export):
    response = login(p.staff).get("/organisation/", {"format": export})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _sheet(response).max_row >= 2


def test_units_list_and_export(p, login):
    client = login(p.unit_user)
    assert "县水利局" in client.get("/units/").content.decode()
    names = [
        r[1]
        for r in _sheet(client.get("/units/", {"format": "xlsx"})).iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert set(names) == {"县教育局", "县水利局"}


def test_organisation_page_shows_special_committees_with_paired_departments(p, login):
    page = login(p.staff).get("/organisation/").content.decode()
    assert "提案委员会" in page and "县教育局" in page
