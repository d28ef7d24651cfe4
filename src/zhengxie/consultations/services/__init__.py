"""Writes of the consultations app. Import services from here."""

from .activities import consultation_create
from .outcomes import outcome_create
from .topics import topic_research_reported

__all__ = ["consultation_create", "outcome_create", "topic_research_reported"]
