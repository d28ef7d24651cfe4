"""Fieldwork forms the committee's outcomes and opens the research gate through this app's
services; consultations never import fieldwork (its statistics reach the consultation
statistics through the registry, by name), so the two apps depend on each other one way."""

import zhengxie.consultations
import zhengxie.fieldwork
from zhengxie.testing_imports import imports_of


def test_consultations_import_nothing_from_fieldwork():
    assert imports_of(zhengxie.consultations, "fieldwork") == {}


def test_the_dependency_check_sees_the_other_direction():
    # The walk finds fieldwork's imports of consultations: it would find the reverse too.
    assert "services.py" in imports_of(zhengxie.fieldwork, "consultations")
    assert imports_of(zhengxie.consultations, "meetings")
