"""Words shown to people, in Chinese and English. JSON keys never change with --lang."""

from __future__ import annotations

_WORDS: dict[str, tuple[str, str]] = {
    "rank": ("#", "#"),
    "id": ("编号", "ID"),
    "indicator": ("指标", "Indicator"),
    "shortfall": ("短板", "Shortfall"),
    "shortfalls": ("短板", "Shortfalls"),
    "latest": ("最新值", "Latest"),
    "target": ("目标", "Target"),
    "score": ("得分", "Score"),
    "status": ("状态", "Status"),
    "trend": ("趋势", "Trend"),
    "peer": ("最佳标杆", "Best peer"),
    "peer_plain": ("标杆", "Peer"),
    "peer_gap": ("与标杆差距", "Peer gap"),
    "actions": ("行动", "Actions"),
    "action": ("行动计划", "Action plan"),
    "programme": ("计划", "Programme"),
    "coverage": ("覆盖", "Coverage"),
    "gap": ("差距", "Gap"),
    "priority": ("优先级", "Priority"),
    "horizon": ("阶段", "Horizon"),
    "goal": ("目标表述", "Goal"),
    "goals": ("近中远期目标", "Goals by horizon"),
    "year": ("目标年", "Year"),
    "when": ("年份", "Year"),
    "derived": ("推算", "Derived"),
    "unit": ("单位", "Unit"),
    "direction": ("方向", "Direction"),
    "observations": ("观测值", "Observations"),
    "benchmarks": ("标杆", "Benchmarks"),
    "targets": ("目标", "Targets"),
    "source": ("来源", "Source"),
    "value": ("数值", "Value"),
    "basis": ("依据", "Basis"),
    "kind": ("类别", "Kind"),
    "name": ("名称", "Name"),
    "state": ("实施状态", "State"),
    "progress": ("进展", "Progress"),
    "pace": ("所需速度", "Pace"),
    "ranked_indicators": ("指标差距排名", "Indicators ranked by gap"),
    "ranked_shortfalls": ("短板差距排名", "Shortfalls ranked by gap"),
    "blind_spots": ("盲区", "Blind spots"),
    "no_blind_spots": ("无盲区", "No blind spots"),
    "shortfall_without_action": ("无行动应对的短板", "shortfall no action addresses"),
    "action_without_indicator": ("无指标衡量的行动", "action with no indicator"),
    "indicator_without_action": ("无行动推动的指标", "indicator no action moves"),
    "note_assumption": ("* 目标为分析假设，非种子文献所述", "* target is an analyst's assumption, not a figure from the sources"),
    "note_trend": ("趋势：↑ 按期达成 · ➚ 改善 · → 停滞 · ↓ 倒退 · – 仅一期观测值，无法判断",
                   "trend: ↑ on track · ➚ improving · → stagnating · ↓ decreasing · – one observation only, no trend"),
    "note_conflict": ("! 来源之间数值不一致（见 scorecard show）", "! the sources disagree on a value (see scorecard show)"),
    "higher": ("越高越好", "higher is better"),
    "lower": ("越低越好", "lower is better"),
    "stated": ("文献所述", "stated"),
    "assumption": ("假设", "assumption"),
    "changes": ("得分变化", "Score changes"),
    "why": ("原因", "Why"),
    "before": ("之前", "before"),
    "after": ("之后", "after"),
    "nothing": ("得分、状态和趋势均无变化", "no score, status or trend changed"),
    "note_why": ("原因：数据 = 观测值增改；目标 = 该阶段目标值；对应关系 = 指标与短板/行动的归属；"
             "方法参数 = 下限、方向、权重、状态分档或目标年",
             "why: data = observations added or revised; target = the horizon's target value; "
             "mapping = which indicators measure a shortfall or show an action; "
             "method = floor, direction, weight, bands or horizon year"),
}

STATUS = {
    "achieved": ("已达成", "achieved"),
    "on_track": ("接近目标", "on track"),
    "moderate": ("中等差距", "moderate"),
    "significant": ("显著差距", "significant"),
    "major": ("重大挑战", "major"),
}

TREND = {
    "on_track": ("↑ 按期", "↑ on track"),
    "moderate": ("➚ 改善", "➚ improving"),
    "stagnating": ("→ 停滞", "→ stagnating"),
    "decreasing": ("↓ 倒退", "↓ decreasing"),
}

KIND = {
    "indicator": ("指标", "indicator"), "shortfall": ("短板", "shortfall"),
    "action": ("行动", "action"), "horizon": ("阶段", "horizon"),
}

REASON = {
    "data": ("数据", "data"), "target": ("目标", "target"), "mapping": ("对应关系", "mapping"),
    "method": ("方法参数", "method"), "indicator": ("指标变动", "indicator moved"),
    "new": ("新增", "new"), "removed": ("删除", "removed"),
}

STATE = {
    "unknown": ("未知", "unknown"),
    "planned": ("计划中", "planned"),
    "under_way": ("实施中", "under way"),
    "done": ("已完成", "done"),
    "stalled": ("停滞", "stalled"),
}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh


def pick(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return "–"
    zh, en = table[key]
    return en if lang == "en" else zh
