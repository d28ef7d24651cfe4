"""Navigation of the duty app."""

from zhengxie.core.home import register_nav

from .permissions import can_read_scores

register_nav("履职考核", "duty_scores", can_read_scores, order=15, group="委员")
register_nav("履职统计", "duty_stats", can_read_scores, order=16, group="委员")
