"""Reading a member roster (花名册) from XLSX: every row is checked before anything is written."""

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from zhengxie.core.models import Committee, Term
from zhengxie.lib.idnumbers import is_valid_id_number

from .models import LiaisonStation, Member, Sector, SpecialCommittee

REQUIRED = ["姓名", "性别", "党派", "界别", "工作单位及职务"]
OPTIONAL = [
    "民族",
    "出生年月",
    "学历",
    "联系电话",
    "身份证号",
    "电子邮箱",
    "通讯地址",
    "常委",
    "专委会",
    "联络工作站",
]
COLUMNS = REQUIRED[:2] + ["民族", "出生年月"] + REQUIRED[2:] + OPTIONAL[2:]
MAX_ROWS = 2000
NAME = re.compile(r"^[\u4e00-\u9fff·]{2,20}$")
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MONTH = re.compile(r"^(\d{4})\s*(?:[.\-/年])\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行「{self.column}」:{self.message}"


@dataclass
class RosterRow:
    row: int
    person: dict
    sector: Sector
    standing: bool
    special_committees: list[SpecialCommittee] = field(default_factory=list)
    station: LiaisonStation | None = None


@dataclass
class RosterResult:
    rows: list[RosterRow]
    errors: list[RowError]


class _Lookups:
    def __init__(self, committee: Committee, term: Term):
        self.sectors = {s.name: s for s in Sector.objects.filter(committee=committee)}
        self.specials = {s.name: s for s in SpecialCommittee.objects.filter(committee=committee)}
        stations = LiaisonStation.objects.filter(committee=committee)
        self.stations = {key: s for s in stations for key in (s.name, s.township)}
        members = Member.objects.filter(memberships__term=term, committee=committee)
        self.id_numbers = {m.id_number for m in members if m.id_number}
        self.name_births = {(m.name, m.birth_month) for m in members}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _month(value) -> date | None:
    if isinstance(value, datetime | date):
        return date(value.year, value.month, 1)
    match = MONTH.match(_text(value))
    if not match:
        raise ValueError
    year, month = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    return date(int(year), int(month), 1)


class _RowReader:
    """Checks one spreadsheet row, collecting every problem instead of stopping at the first."""

    def __init__(self, number: int, cells: dict, lookups: _Lookups):
        self.number, self.cells, self.lookups = number, cells, lookups
        self.errors: list[RowError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str, pattern: re.Pattern | None = None, hint: str = "") -> str:
        value = _text(self.cells.get(column))
        if not value and column in REQUIRED:
            self.error(column, "不能为空")
        elif value and pattern and not pattern.match(value):
            self.error(column, f"{hint},实际为“{value}”")
        return value

    def read(self) -> RosterRow | None:
        person = {
            "name": self.text("姓名", NAME, "应为2至20个汉字"),
            "gender": self.text("性别", re.compile("^[男女]$"), "应为“男”或“女”"),
            "ethnicity": self.text("民族") or "汉族",
            "party": self.text("党派"),
            "education": self.text("学历"),
            "employer_title": self.text("工作单位及职务"),
            "phone": self.text("联系电话", PHONE, "应为11位手机号或带区号的固定电话"),
            "id_number": self.text("身份证号").upper(),
            "email": self.text("电子邮箱", EMAIL, "电子邮箱格式不正确"),
            "address": self.text("通讯地址"),
            "birth_month": self.birth_month(),
        }
        if person["id_number"] and not is_valid_id_number(person["id_number"]):
            self.error(
                "身份证号", f"不是有效的18位身份证号(校验位不符),实际为“{person['id_number']}”"
            )
        sector = self.sector()
        standing = self.standing()
        specials = self.named_list("专委会", self.lookups.specials)
        station = self.station()
        if self.errors:
            return None
        return RosterRow(self.number, person, sector, standing, specials, station)

    def birth_month(self) -> date | None:
        raw = self.cells.get("出生年月")
        if raw in (None, ""):
            return None
        try:
            month = _month(raw)
        except ValueError:
            self.error("出生年月", f"应写作“1975.03”或“1975年3月”,实际为“{_text(raw)}”")
            return None
        if not date(1900, 1, 1) <= month <= date.today():
            self.error("出生年月", f"日期不合理:“{_text(raw)}”")
        return month

    def sector(self) -> Sector | None:
        name = self.text("界别")
        if name and name not in self.lookups.sectors:
            known = "、".join(self.lookups.sectors)
            self.error("界别", f"没有名为“{name}”的界别(现有:{known})")
        return self.lookups.sectors.get(name)

    def standing(self) -> bool:
        value = self.text("常委")
        if value not in ("", "是", "否"):
            self.error("常委", f"应填“是”或“否”,实际为“{value}”")
        return value == "是"

    def named_list(self, column: str, known: dict) -> list:
        names = [n.strip() for n in re.split(r"[、,,;;\s]+", self.text(column)) if n.strip()]
        for name in names:
            if name not in known:
                self.error(column, f"没有名为“{name}”的{column}")
        return [known[n] for n in names if n in known]

    def station(self) -> LiaisonStation | None:
        name = self.text("联络工作站")
        if name and name not in self.lookups.stations:
            self.error("联络工作站", f"没有名为“{name}”的联络工作站")
        return self.lookups.stations.get(name)


def _header(sheet) -> tuple[dict[str, int], list[RowError]]:
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    positions = {_text(title): i for i, title in enumerate(first) if _text(title)}
    missing = [name for name in REQUIRED if name not in positions]
    errors = [RowError(1, name, "表头缺少此列") for name in missing]
    return positions, errors


def _duplicate_of(row: RosterRow, lookups: _Lookups, seen_ids: dict, seen_people: dict):
    id_number = row.person["id_number"]
    person = (row.person["name"], row.person["birth_month"])
    if id_number and id_number in lookups.id_numbers:
        return RowError(row.row, "身份证号", "该委员已在本届名册中")
    if id_number and id_number in seen_ids:
        return RowError(row.row, "身份证号", f"与第{seen_ids[id_number]}行重复")
    if person[1] is None:
        return None  # namesakes without a birth month cannot be told apart: allow them
    if person in lookups.name_births:
        return RowError(row.row, "姓名", "同名同出生年月的委员已在本届名册中")
    if person in seen_people:
        return RowError(row.row, "姓名", f"与第{seen_people[person]}行重复")
    return None


def _duplicates(rows: list[RosterRow], lookups: _Lookups) -> list[RowError]:
    errors: list[RowError] = []
    seen_ids: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    for row in rows:
        error = _duplicate_of(row, lookups, seen_ids, seen_people)
        if error:
            errors.append(error)
        if row.person["id_number"]:
            seen_ids.setdefault(row.person["id_number"], row.row)
        seen_people.setdefault((row.person["name"], row.person["birth_month"]), row.row)
    return errors


def read_roster(content: bytes, committee: Committee, term: Term) -> RosterResult:
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return RosterResult([], [RowError(0, "文件", "无法读取,请上传 Excel 的 .xlsx 文件")])
    sheet = book.worksheets[0]
    positions, errors = _header(sheet)
    if errors:
        return RosterResult([], errors)
    lookups = _Lookups(committee, term)
    rows: list[RosterRow] = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = {name: values[i] if i < len(values) else None for name, i in positions.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        if number > MAX_ROWS + 1:
            errors.append(RowError(number, "文件", f"一次最多导入{MAX_ROWS}行"))
            break
        reader = _RowReader(number, cells, lookups)
        row = reader.read()
        errors.extend(reader.errors)
        if row:
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(2, "文件", "没有可导入的数据行"))
    errors.extend(_duplicates(rows, lookups))
    return RosterResult(
        rows,
        sorted(
            errors, key=lambda e: (e.row, COLUMNS.index(e.column) if e.column in COLUMNS else 99)
        ),
    )
