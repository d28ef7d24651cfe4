"""Fieldwork pages."""

urls = []
