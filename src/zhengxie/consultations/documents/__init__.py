"""DOCX of consultation in the official-document layout, one module per area."""
