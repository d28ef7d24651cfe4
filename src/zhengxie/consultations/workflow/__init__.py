"""The workflow tables of consultation, one module per area (topics and plans, activities,
outcomes); import them from here."""

from .topics import PLAN, TOPIC

__all__ = ["PLAN", "TOPIC"]
