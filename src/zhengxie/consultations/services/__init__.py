"""Writes of the consultations app. Import services from here."""

from .activities import consultation_create
from .outcomes import outcome_create
from .plans import (
    plan_create,
    plan_decide,
    plan_item_add,
    plan_item_change,
    plan_item_drop,
    plan_pass,
    plan_return,
    plan_submit,
)
from .topics import (
    consultation_defaults_create,
    content_category_add,
    solicitation_answer,
    solicitation_send,
    topic_accept,
    topic_arrange,
    topic_confirm_cosign,
    topic_decline,
    topic_from_opinion,
    topic_from_proposal,
    topic_reconsider,
    topic_refuse_cosign,
    topic_research_reported,
    topic_suggest,
)

__all__ = [
    "consultation_create",
    "consultation_defaults_create",
    "content_category_add",
    "outcome_create",
    "plan_create",
    "plan_decide",
    "plan_item_add",
    "plan_item_change",
    "plan_item_drop",
    "plan_pass",
    "plan_return",
    "plan_submit",
    "solicitation_answer",
    "solicitation_send",
    "topic_accept",
    "topic_arrange",
    "topic_confirm_cosign",
    "topic_decline",
    "topic_from_opinion",
    "topic_from_proposal",
    "topic_reconsider",
    "topic_refuse_cosign",
    "topic_research_reported",
    "topic_suggest",
]
