"""Consultation: topics and the yearly plan (`topics`), outcomes and their suggestions
(`outcomes`). Fieldwork lives in its own app and points here; nothing here imports it."""

from .outcomes import Outcome, OutcomeMember, Suggestion
from .topics import DEFAULT_CATEGORIES, ContentCategory, Form, Level, Topic

__all__ = [
    "DEFAULT_CATEGORIES",
    "ContentCategory",
    "Form",
    "Level",
    "Outcome",
    "OutcomeMember",
    "Suggestion",
    "Topic",
]
