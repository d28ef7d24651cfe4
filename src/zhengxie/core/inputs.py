"""The one boundary all input crosses: every page form, every API schema and every page
query parameter is read through here, so the same rules hold on SQLite and PostgreSQL.

- text: C0 control characters other than tab and newlines are refused (PostgreSQL refuses
  NUL, and XLSX/DOCX cannot hold any of them), and its length is checked against the model
  field it lands in (SQLite would silently store any length);
- numbers and ids: bounded to what a 64-bit column holds (SQLite raises OverflowError
  beyond it), ids are positive;
- dates and datetimes: within years 1900–2199; a naive datetime is read in the committee's
  time zone; a time of day carries no zone (SQLite cannot store one, and without a date it
  means nothing);
- page query parameters: a malformed one is refused with a Chinese message and the page
  re-renders with its defaults at status 400 (`InputProblemMiddleware`).
"""

import re
from datetime import date, datetime, time
from typing import Annotated, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils import timezone
from ninja import Field
from ninja import Schema as NinjaSchema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, StringConstraints, field_validator, model_validator

from zhengxie.lib.xmltext import ILLEGAL, xml_safe

MAX_TEXT = 50_000  # the longest free text (a TextField) anyone has a reason to submit
MAX_INT = 2**63 - 1
MAX_ID = MAX_INT
MAX_PAGE = 1000  # rows one API page may ask for
MAX_SEARCH = 100  # a search box's text
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

CONTROL_MESSAGE = "含有不允许的控制字符"
TOO_LONG_MESSAGE = "不能超过{max}个字"
NUMBER_MESSAGE = "数值超出范围"
# What pydantic says of a number it could not take, by its error type.
NUMBER_FORMAT = {
    "int_parsing": "须为整数",
    "int_from_float": "须为整数",
    "decimal_parsing": "须为数字",
    "decimal_max_digits": "数字位数过多",
    "decimal_whole_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
}
DATE_MESSAGE = "日期须在1900年至2199年之间"
TIME_ZONE_MESSAGE = "时间请按 09:30 的格式填写,不带时区"


def has_controls(text: str) -> bool:
    """Tab, line feed and carriage return are text; the other C0 characters are not (nor
    anything else XML refuses, since every text may end up in an XLSX or DOCX)."""
    return ILLEGAL.search(text) is not None


def model_max_length(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length or MAX_TEXT


def in_committee_time(value: datetime) -> datetime:
    if timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_current_timezone())
    return value


def _date_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _check(value: Any) -> Any:
    """One value (or the items of a list/dict) checked and normalised; ValueError if refused."""
    if isinstance(value, str):
        if has_controls(value):
            raise ValueError(CONTROL_MESSAGE)
        if len(value) > MAX_TEXT:
            raise ValueError(TOO_LONG_MESSAGE.format(max=MAX_TEXT))
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not -MAX_INT <= value <= MAX_INT:
            raise ValueError(NUMBER_MESSAGE)
    elif isinstance(value, date):
        if isinstance(value, datetime):
            value = in_committee_time(value)
        if not EARLIEST <= _date_of(value) <= LATEST:
            raise ValueError(DATE_MESSAGE)
    elif isinstance(value, time):
        if value.tzinfo is not None:
            raise ValueError(TIME_ZONE_MESSAGE)
    elif isinstance(value, list | tuple | set):
        return type(value)(_check(v) for v in value)
    elif isinstance(value, dict):
        return {_check(k): _check(v) for k, v in value.items()}
    return value


class InSchema(NinjaSchema):
    """Base of every API input schema (bodies, query filters, action payloads): every field
    is checked. Output schemas stay plain: stored legacy text must still be readable."""

    @field_validator("*", mode="after")
    @classmethod
    def _checked(cls, value):
        return _check(value)


class PeriodFilter(InSchema):
    """`?from=&to=` of a statistics endpoint, refused like the pages' `query_period`."""

    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")

    @model_validator(mode="after")
    def _ordered(self):
        if self.start and self.end and self.start > self.end:
            raise ValueError(PERIOD_REVERSED)
        return self


def describe_error(error: dict) -> str:
    """One pydantic validation error in Chinese: the field, and why when we can say it."""
    field = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_too_long":
        reason = TOO_LONG_MESSAGE.format(max=ctx.get("max_length"))
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        reason = NUMBER_MESSAGE
    elif kind in NUMBER_FORMAT:
        reason = NUMBER_FORMAT[kind]
    elif kind == "value_error":
        reason = str(ctx.get("error", "")) or "格式不正确"
    else:
        reason = ""
    return f"{field}({reason})" if field and reason else field or reason


# Annotated types for API inputs; they check themselves, so they also serve as bare query
# and path parameters outside an InSchema.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
SearchText = Annotated[str, StringConstraints(max_length=MAX_SEARCH), AfterValidator(_check)]


def ModelText(model, field_name: str):  # noqa: N802 - used as a type
    """Text with the max length of the model field the value lands in."""
    max_length = model_max_length(model, field_name)
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_check)]


class Pagination(LimitOffsetPagination):
    """django-ninja's limit/offset pagination with both bounded (an offset past 64 bits is a
    database error on SQLite and PostgreSQL)."""

    class Input(InSchema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0, le=MAX_INT)


# Django forms.


def refuse_controls(value) -> None:
    if isinstance(value, str) and has_controls(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def _in_date_range(value) -> None:
    if value is not None and not EARLIEST <= _date_of(value) <= LATEST:
        raise ValidationError(DATE_MESSAGE, code="date_range")


def _guard(field: forms.Field) -> None:
    if isinstance(field, forms.CharField):
        field.validators.append(refuse_controls)
        if field.max_length is None:
            field.max_length = MAX_TEXT
            field.validators.append(MaxLengthValidator(MAX_TEXT))
            field.widget.attrs.setdefault("maxlength", str(MAX_TEXT))
    elif isinstance(field, forms.IntegerField):
        if field.max_value is None:
            field.validators.append(MaxValueValidator(MAX_INT))
        if field.min_value is None:
            field.validators.append(MinValueValidator(-MAX_INT))
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(_in_date_range)
    elif isinstance(field, forms.ModelChoiceField):
        field.to_python = _bounded_choice(field.to_python)
        if isinstance(field, forms.ModelMultipleChoiceField):
            # Its clean() looks the ids up itself, without to_python.
            field.clean = _bounded_choice(field.clean)


def _bounded_choice(to_python):
    """A choice by id beyond 64 bits is simply not one of the choices (no OverflowError)."""

    def checked(value):
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if isinstance(v, str) and v.strip().lstrip("-").isdigit() and abs(int(v)) > MAX_INT:
                raise ValidationError(
                    forms.ModelChoiceField.default_error_messages["invalid_choice"],
                    code="invalid_choice",
                )
        return to_python(value)

    return checked


class GuardedMixin:
    """Every field of the form is checked at the boundary (text, numbers, dates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _guard(field)


class Form(GuardedMixin, forms.Form):
    pass


class ModelForm(GuardedMixin, forms.ModelForm):
    pass


def text_field(model, field_name: str, **kwargs) -> forms.CharField:
    """A form text field as long as the model field its value lands in."""
    return forms.CharField(max_length=model_max_length(model, field_name), **kwargs)


# Page query parameters and the few raw POST fields read outside a form: `data` is
# request.GET or request.POST; a refused value reads as the default (and the page says why).


def refuse_input(request, message: str) -> None:
    """Tell the user what was wrong; `InputProblemMiddleware` makes the page a 400."""
    messages.error(request, message)
    request.input_refused = True


def refused(request) -> bool:
    return getattr(request, "input_refused", False)


def _shown(raw: str) -> str:
    return xml_safe(raw)[:20]


def read_int(request, data, name: str, label: str, default=None, *, low=-MAX_INT, high=MAX_INT):
    raw = data.get(name, "").strip()
    if not raw:
        return default
    value = int(raw) if re.fullmatch(r"-?\d{1,20}", raw) else None
    if value is None or not low <= value <= high:
        refuse_input(request, f"{label}“{_shown(raw)}”无效。")
        return default
    return value


def read_id(request, data, name: str, label: str) -> int | None:
    return read_int(request, data, name, label, low=1, high=MAX_ID)


def read_ids(request, data, name: str, label: str) -> list[int]:
    values = [
        read_int(request, {name: v}, name, label, low=1, high=MAX_ID) for v in data.getlist(name)
    ]
    return [v for v in values if v is not None]


def read_date(request, data, name: str, label: str) -> date | None:
    """A date as 2026-05-06; a malformed or impossible one (2026-02-30) is refused."""
    raw = data.get(name, "").strip()
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        value = None
    if value is None or not EARLIEST <= value <= LATEST:
        refuse_input(request, f"{label}“{_shown(raw)}”不是有效日期,请按 2026-05-06 的格式填写。")
        return None
    return value


def read_text(request, data, name: str, label: str, max_length: int = MAX_SEARCH) -> str:
    value = data.get(name, "").strip()
    if has_controls(value):
        refuse_input(request, f"{label}{CONTROL_MESSAGE}。")
        return ""
    if len(value) > max_length:
        refuse_input(request, f"{label}{TOO_LONG_MESSAGE.format(max=max_length)}。")
        return ""
    return value


def query_int(request, name: str, label: str, default=None, *, low=-MAX_INT, high=MAX_INT):
    return read_int(request, request.GET, name, label, default, low=low, high=high)


def query_id(request, name: str, label: str) -> int | None:
    return read_id(request, request.GET, name, label)


def query_year(request, name: str = "year", label: str = "年份", default=None) -> int | None:
    return query_int(request, name, label, default, low=EARLIEST.year, high=LATEST.year)


def query_date(request, name: str, label: str) -> date | None:
    return read_date(request, request.GET, name, label)


PERIOD_REVERSED = "起始日期不能晚于截止日期。"


def query_period(request) -> tuple[date | None, date | None]:
    """The `from` and `to` dates of a statistics page; a period that ends before it starts is
    refused, not counted as an empty one (every figure 0 would read as a fact)."""
    start, end = query_date(request, "from", "起始日期"), query_date(request, "to", "截止日期")
    if start and end and start > end:
        refuse_input(request, PERIOD_REVERSED)
        return None, None
    return start, end


def query_text(request, name: str, label: str) -> str:
    return read_text(request, request.GET, name, label)


class InputProblemMiddleware:
    """A page rendered after refusing a query parameter answers 400 (it still shows itself,
    with the error message and its defaults, so the user can go on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if refused(request) and response.status_code == 200:
            response.status_code = 400
        return response
