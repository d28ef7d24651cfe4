"""Reads of consultation, one module per area (topics and plans, activities, outcomes)."""
