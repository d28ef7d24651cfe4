"""Walks of action payloads: from an action's payload schema, a valid payload on the records a
test built, then each field in turn replaced by each hostile value (ids past 64 bits, control
characters, text past its column, impossible dates, zoned times, wrong choices and shapes). The
endpoint may refuse it, never answer 5xx; each request is rolled back, so every case meets the
same records. A walk, not random examples: a rule that breaks on one field of one action is
found every time."""

from datetime import date, datetime, time
from types import UnionType
from typing import Union, get_args, get_origin

from django.db import transaction

from zhengxie.core.services import api_token_issue

HOSTILE = [
    None,
    "\x00",
    "文字\x0b",
    "长" * 301,
    2**70,
    -1,
    "2026-02-30",
    "09:00+08:00",
    "zz_not_a_choice",
    [2**70],
    {},
]


def _sample(name: str, annotation, ids: dict):
    """A valid value for one field: the test's record for an id, else one of its type."""
    if name in ids:
        return ids[name]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, UnionType):
        return _sample(name, next(a for a in args if a is not type(None)), ids)
    if getattr(annotation, "__metadata__", None):
        return _sample(name, args[0], ids)
    if origin is list:
        return []
    if isinstance(getattr(annotation, "values", None), list):  # a TextChoices
        return annotation.values[0]
    samples = {bool: False, int: 3, date: "2026-05-06", time: "09:00"}
    samples[datetime] = "2026-05-06T10:00:00+08:00"
    return samples.get(annotation, "测试内容")


def base_payload(schema, ids: dict) -> dict:
    return {
        info.alias or name: _sample(name, info.annotation, ids)
        for name, info in schema.model_fields.items()
    }


def hostile_payloads(schema, ids: dict):
    """(field, value, payload): the valid payload with one field hostile, for every field and
    every hostile value."""
    base = base_payload(schema, ids)
    for field in base:
        for value in HOSTILE:
            yield field, value, base | {field: value}


def posted_status(client, user, url: str, payload) -> int:
    """The status `url` answers `user`'s JSON `payload` with; its writes are rolled back."""
    with transaction.atomic():
        headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}
        response = client.post(url, payload, content_type="application/json", headers=headers)
        transaction.set_rollback(True)
    return response.status_code


def server_errors(client, user, actions: dict, url: str, ids: dict) -> list[tuple]:
    """Every (action, field, value) of an action table (name → (schema, call)) that `url`
    (with `{action}`) answered `user` with a 5xx; empty when none did."""
    found = []
    for action, (schema, _) in actions.items():
        target = url.format(action=action)
        for field, value, payload in hostile_payloads(schema, ids):
            if posted_status(client, user, target, payload) >= 500:
                found.append((action, field, value))
    return found
