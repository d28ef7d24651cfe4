"""The audit actions of duty records and scoring rules, in Chinese (see core.auditlabels)."""

from zhengxie.core.auditlabels import declare_actions, declare_fields, declare_object, declare_value

from .kinds import DUTY_KINDS

declare_actions(
    "duty",
    {
        "record": "记入履职档案",
        "record_for": "代委员记入履职档案",
        "retract": "撤回履职记录",
        "rule_create": "制定履职考核细则",
        "rule_line_add": "增加考核细则条目",
        "rule_line_update": "修改考核细则条目",
        "rule_line_remove": "删除考核细则条目",
        "scores_recompute": "重新计算履职积分",
        "cards_request": "发起生成全体委员成绩单",
        "cards_build": "生成全体委员成绩单",
        "cards_download": "下载全体委员成绩单",
        "cards_send": "通知委员查看成绩单",
        "self_report_submit": "委员自报履职活动",
        "self_report_confirm": "确认自报履职活动",
        "self_report_return": "退回自报履职活动",
        "self_report_resubmit": "重新报送自报履职活动",
        "self_report_attach": "上传自报履职活动佐证材料",
        "activity_kind_add": "增加自报履职活动类别",
        "rule_flags_set": "设置谈话提醒、退出和表彰候选规则",
        "flags_raise": "提示谈话提醒、建议退出和表彰候选",
        "flag_talk": "记录谈话提醒",
        "flag_exit": "办理委员退出",
        "flag_keep": "不予退出",
        "flag_commend": "确认表彰",
        "flag_drop": "不予表彰",
        "report_draft": "起草述职",
        "report_edit": "修改述职",
        "report_submit": "提交述职",
        "report_return": "退回述职修改",
        "report_schedule": "安排常委述职",
        "report_assess": "评定述职",
    },
)
declare_object("duty.dutyrecord", "履职记录")
declare_object("duty.scoringrule", "履职考核细则")
declare_object("duty.selfreport", "自报履职活动")

SELF_REPORT_SUBMIT = "duty.self_report_submit"
SELF_REPORT_ATTACH = "duty.self_report_attach"
ACTIVITY_KIND_ADD = "duty.activity_kind_add"
declare_fields({"kind": "类别", "points": "分值", "date": "日期", "hours": "学时"})
declare_object("duty.dutycardjob", "成绩单批量生成")
declare_object("duty.dutyflag", "履职提示")
declare_object("duty.dutyreport", "述职")
declare_fields({"kind": "类别", "points": "分值", "date": "日期"})
declare_value(
    "duty.dutyrecord",
    "kind",
    lambda code: DUTY_KINDS[code].label if code in DUTY_KINDS else str(code),
)
