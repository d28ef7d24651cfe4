"""Writes of the consultations app. Import services from here."""

from .outcomes import outcome_create
from .topics import topic_research_reported

__all__ = ["outcome_create", "topic_research_reported"]
