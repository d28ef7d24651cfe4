"""Demo consultation year 2026 (issue 11): the plan and its topics, the research groups, the
activities held after their research, and what became of their outcomes, in the order a
committee office lives them."""

from zhengxie.core.models import Committee
from zhengxie.members import services as members
from zhengxie.members.queries import current_memberships

from .activities import demo_activities
from .fieldwork import demo_fieldwork
from .outcomes import demo_outcomes
from .topics import Cast, cast_of, demo_topics


def _demo_member_on_a_committee(cast: Cast) -> None:
    """The demo member sits on 经济委员会, so that a special committee's work (a 书面协商
    request gathering its members' opinions) reaches their home page."""
    membership = current_memberships(cast.committee).get(member=cast.member.member)
    members.membership_update(
        actor=None, membership=membership, special_committees=[cast.specials["经济委员会"]]
    )


def demo_consultations(committee: Committee) -> None:
    cast = cast_of(committee)
    _demo_member_on_a_committee(cast)
    topics = demo_topics(cast)
    fieldwork = demo_fieldwork(cast, topics)
    held = demo_activities(cast, topics)
    demo_outcomes(cast, topics, fieldwork, held)
