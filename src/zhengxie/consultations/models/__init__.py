"""Consultation: topics and the yearly plan (`topics`), outcomes and their suggestions
(`outcomes`), activities of every form and 书面协商 requests (`activities`). Fieldwork lives
in its own app and points here; nothing here imports it."""

from .activities import (
    MEETING_FORMS,
    ONLINE_FORMS,
    Consultation,
    ConsultationStep,
    LocalParticipant,
    MaterialFile,
    MaterialRequest,
    MemberOpinion,
    UnitAttendance,
    WrittenRequest,
    WrittenRequestFile,
)
from .outcomes import Outcome, OutcomeMember, Suggestion
from .topics import (
    DEFAULT_CATEGORIES,
    ConsultationPlan,
    ContentCategory,
    Form,
    Level,
    PlanAmendment,
    PlanItem,
    PlanType,
    Solicitation,
    SolicitationAddressee,
    Topic,
    TopicCosigner,
)

__all__ = [
    "MEETING_FORMS",
    "ONLINE_FORMS",
    "Consultation",
    "ConsultationStep",
    "LocalParticipant",
    "MaterialFile",
    "MaterialRequest",
    "MemberOpinion",
    "UnitAttendance",
    "WrittenRequest",
    "WrittenRequestFile",
    "DEFAULT_CATEGORIES",
    "ConsultationPlan",
    "ContentCategory",
    "Form",
    "Level",
    "PlanAmendment",
    "PlanItem",
    "PlanType",
    "Solicitation",
    "SolicitationAddressee",
    "Outcome",
    "OutcomeMember",
    "Suggestion",
    "Topic",
    "TopicCosigner",
]
