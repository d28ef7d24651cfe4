"""Characters XML 1.0 cannot hold (so neither can XLSX nor DOCX): the C0 controls other
than tab and newlines, DEL, lone surrogates and the two non-characters U+FFFE/U+FFFF."""

import re

ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Stored text made fit for a document: legacy rows may hold what input now refuses."""
    return ILLEGAL.sub("", text)
