from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import AuditEvent
from zhengxie.members.models import Member
from zhengxie.members.services import roster_import

HEADER = [
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "党派",
    "界别",
    "工作单位及职务",
    "联系电话",
    "身份证号",
    "常委",
    "专委会",
    "联络工作站",
]
GOOD = [
    [
        "马晓东",
        "男",
        "汉族",
        "1975.03",
        "民建会员",
        "经济界",
        "云溪县恒通实业有限公司董事长",
        "13912345678",
        "110105197503010011",
        "是",
        "提案委员会",
        "城关镇",
    ],
    [
        "周丽",
        "女",
        "彝族",
        "1982年7月",
        "群众",
        "教育界",
        "县实验小学教师",
        "0870-6123456",
        "",
        "否",
        "",
        "",
    ],
]


def xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_roster_import_writes_every_row(p):
    assert roster_import(actor=p.staff, committee=p.committee, term=p.term, content=xlsx(GOOD)) == 2
    ma = Member.objects.get(name="马晓东")
    membership = ma.memberships.get()
    assert membership.standing and membership.station == p.station
    assert list(membership.special_committees.all()) == [p.special]
    assert f"{ma.birth_month:%Y-%m}" == "1975-03"
    assert Member.objects.get(name="周丽").ethnicity == "彝族"
    assert AuditEvent.objects.filter(action="member.import_roster").exists()


def test_roster_import_reports_every_problem_by_row_and_column_and_writes_nothing(p):
    bad = [
        GOOD[0],
        [
            "周丽",
            "F",
            "汉族",
            "1982.13",
            "群众",
            "文艺界",
            "",
            "12345",
            "110105198207010012",
            "也许",
            "宣传委员会",
            "不存在的站",
        ],
        ["", "男", "", "", "群众", "经济界", "某公司", "", "", "", "", ""],
    ]
    before = Member.objects.count()
    try:
        roster_import(actor=p.staff, committee=p.committee, term=p.term, content=xlsx(bad))
    except ServiceError as exc:
        problems = [(e.row, e.column) for e in exc.errors]
        messages = [str(e) for e in exc.errors]
    else:
        raise AssertionError("a bad roster must not import")
    assert problems == [
        (3, "性别"),
        (3, "出生年月"),
        (3, "界别"),
        (3, "工作单位及职务"),
        (3, "联系电话"),
        (3, "身份证号"),
        (3, "常委"),
        (3, "专委会"),
        (3, "联络工作站"),
        (4, "姓名"),
    ]
    assert "第3行「性别」:应为“男”或“女”,实际为“F”" in messages
    assert Member.objects.count() == before


def test_roster_rows_repeating_each_other_or_existing_members_are_refused(p):
    repeat = [GOOD[0], GOOD[0]]
    existing = [
        [
            "李委员",
            "男",
            "汉族",
            "",
            "群众",
            "教育界",
            "某单位",
            "",
            "110105197001010011",
            "",
            "",
            "",
        ]
    ]
    for rows, expected in [(repeat, [(3, "身份证号")]), (existing, [(2, "身份证号")])]:
        try:
            roster_import(actor=p.staff, committee=p.committee, term=p.term, content=xlsx(rows))
        except ServiceError as exc:
            assert [(e.row, e.column) for e in exc.errors] == expected
        else:
            raise AssertionError("duplicates must not import")


def test_roster_without_required_columns_is_refused(p):
    try:
        roster_import(
            actor=p.staff,
            committee=p.committee,
            term=p.term,
            content=xlsx([["马晓东"]], header=["姓名"]),
        )
    except ServiceError as exc:
        assert [e.column for e in exc.errors] == ["性别", "党派", "界别", "工作单位及职务"]


def test_a_file_that_is_not_xlsx_is_refused(p):
    try:
        roster_import(actor=p.staff, committee=p.committee, term=p.term, content=b"not excel")
    except ServiceError as exc:
        assert "xlsx" in str(exc.errors[0])


def test_roster_import_page_shows_problems_in_chinese(p, login):
    upload = SimpleUploadedFile(
        "名册.xlsx", xlsx([["周丽", "F", "", "", "群众", "教育界", "教师", "", "", "", "", ""]])
    )
    page = login(p.staff).post("/members/import/", {"file": upload}).content.decode()
    assert "名册有误,未导入任何数据" in page and "第2行" in page and "应为“男”或“女”" in page


def test_roster_import_page_imports_and_redirects(p, login):
    upload = SimpleUploadedFile("名册.xlsx", xlsx(GOOD))
    response = login(p.staff).post("/members/import/", {"file": upload})
    assert response.status_code == 302
    assert Member.objects.filter(name="周丽").exists()


def test_members_cannot_import_rosters(p, login):
    upload = SimpleUploadedFile("名册.xlsx", xlsx(GOOD))
    assert login(p.plain.member.user).post("/members/import/", {"file": upload}).status_code == 403


def test_an_exported_list_imports_back_as_a_roster(p, other, login):
    exported = load_workbook(BytesIO(login(p.staff).get("/members/", {"format": "xlsx"}).content))
    rows = [list(r)[1:-1] for r in exported.active.iter_rows(values_only=True)]
    header, body = rows[0], rows[1:]
    for row in body:
        row[0] = "新" + row[0]
        for column in ("身份证号", "专委会", "联络工作站"):
            row[header.index(column)] = ""
    count = roster_import(
        actor=other.staff,
        committee=other.committee,
        term=other.term,
        content=xlsx(body, header=header),
    )
    assert count == 4
    assert Member.objects.filter(committee=other.committee, name="新李委员").exists()
