from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "zhengxie.proposals"
    label = "proposals"
    verbose_name = "提案"

    def ready(self) -> None:
        from zhengxie.core.services import committee_setup_register
        from zhengxie.core.stats import register
        from zhengxie.duty.kinds import register_duty_kind

        from . import (  # noqa: F401  (audit labels, duty sources, panels, tasks)
            audit_actions,
            duty_sources,
            panels,
            tasks,
        )
        from .services import proposal_defaults_create
        from .stats import STATISTICS

        register(STATISTICS)
        committee_setup_register(proposal_defaults_create)
        register_duty_kind("proposal_registered", "提交提案并立案", 5)
        register_duty_kind("proposal_key", "提案列为重点提案", 3)
        register_duty_kind("proposal_award", "提案获评优秀提案", 5)
        register_duty_kind("proposal_endorsed", "附议提案", 1)
