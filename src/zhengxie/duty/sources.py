"""How a duty record's source reads — on the member's record (履职档案) and in what is written
from it (述职, 成绩单). Each app registers, in its `AppConfig.ready()`, for every model it
records duty against: the noun (提案, 会议…), the title, a short status ("已答复(A类)",
"市级采用"), the page, and the audience of that page, so duty imports no other app.

    register_source(Proposal, noun="提案", title=lambda p: p.title, status=…,
                    url=lambda p: reverse("proposal_detail", args=[p.pk]),
                    audience=proposals_for)

`sources_of(records, reader)` resolves a page of records in one query per source model (the
reader's audience read in the same query), so the URL is given only for a source the reader
may open; without a reader (a document) no URL is given. A model nobody registered is not read:
its records read their note (or that the source is not registered) and never link.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, QuerySet, Value

GONE = "(来源已删除)"
# A source whose app registered no reading: named by its model, never opened.
UNREGISTERED = "(来源未登记)"


@dataclass(frozen=True)
class Source:
    """What a record's source reads as. `noun` is empty for a record without a source (its
    note is the title); `url` is empty where the reader may not open the page."""

    noun: str
    title: str
    status: str = ""
    url: str = ""


@dataclass(frozen=True)
class SourceType:
    noun: str
    title: Callable[[Any], str]
    status: Callable[[Any], str]
    url: Callable[[Any], str]
    audience: Callable[[Any], QuerySet]
    related: tuple[str, ...]


SOURCE_TYPES: dict[type[Model], SourceType] = {}


def register_source(
    model: type[Model],
    *,
    noun: str,
    title: Callable[[Any], str],
    url: Callable[[Any], str],
    audience: Callable[[Any], QuerySet],
    status: Callable[[Any], str] = lambda obj: "",
    through: str = "",
    related: Iterable[str] = (),
) -> None:
    """`audience(user)` is the rows of `model` whose page `user` may open (a queryset of the
    app's own reads) — or, `through` naming its parent's foreign key, the parents whose page
    the row opens (an adoption opens its item's); `related` the joins the functions need."""
    if through:
        audience = _through(model, through, audience)
        related = [through, *related]
    SOURCE_TYPES[model] = SourceType(noun, title, status, url, audience, tuple(related))


def _through(model: type[Model], parent: str, audience: Callable) -> Callable:
    return lambda user: model._default_manager.filter(
        **{f"{parent}__in": audience(user).values("pk")}
    )


def sources_of(records: Iterable, reader=None) -> dict[int, Source]:
    """Each record's (a `DutyRecord`) source, by the record's id."""
    records = list(records)
    wanted: dict[int, set[int]] = defaultdict(set)
    for record in records:
        if record.source_type_id is not None:
            wanted[record.source_type_id].add(record.source_id)
    found, unregistered = {}, set()
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # the model's app was removed: its records read as gone
            continue
        if model not in SOURCE_TYPES:
            # Not read at all: nobody said how it reads or who may open it, and reading it
            # (its str()) may cost a query per record.
            unregistered.add(type_id)
            continue
        for obj in _load(model, SOURCE_TYPES[model], ids, reader):
            found[type_id, obj.pk] = _read(SOURCE_TYPES[model], obj)
    return {record.pk: _of(record, found, unregistered) for record in records}


def _load(model: type[Model], registered: SourceType, ids: set[int], reader) -> list:
    rows = model._default_manager.filter(pk__in=ids).select_related(*registered.related)
    opened = registered.audience(reader) if reader is not None else None
    if opened is None or opened.query.is_empty():
        return list(rows.annotate(_opens=Value(False)))
    return list(rows.annotate(_opens=Exists(opened.filter(pk=OuterRef("pk")))))


def _read(registered: SourceType, obj) -> Source:
    return Source(
        noun=registered.noun,
        title=registered.title(obj),
        status=registered.status(obj),
        url=registered.url(obj) if obj._opens else "",
    )


def _of(record, found: dict, unregistered: set[int]) -> Source:
    if record.source_type_id is None:
        return Source(noun="", title=record.note)
    if record.source_type_id in unregistered:
        return Source(noun="", title=record.note or UNREGISTERED)
    return found.get((record.source_type_id, record.source_id)) or Source(
        noun="", title=record.note or GONE
    )
