"""Every word the tool shows people, one table per language, each entry a template.

Views ask for a word by key and fill its `{placeholders}`; nothing they print is
written inline. A language without a table, or a key its table lacks, gets the
English: adding a language is one more table, and a test keeps the tables' keys
and placeholders in step. JSON keys and values never change with the language.
"""

from __future__ import annotations

import string

from scorecard.score.method import Trend

EN: dict[str, str] = {
    # Column headers and section titles.
    "rank": "#",
    "id": "ID",
    "indicator": "Indicator",
    "indicators": "Indicators",
    "shortfall": "Shortfall",
    "shortfalls": "Shortfalls",
    "latest": "Latest",
    "target": "Target",
    "target_at": "Target {horizon}",
    "score": "Score",
    "status": "Status",
    "trend": "Trend",
    "peer": "Best peer",
    "peer_plain": "Peer",
    "actions": "Actions",
    "action": "Action plan",
    "programme": "Programme",
    "coverage": "Coverage",
    "priority": "Priority",
    "horizon": "Horizon",
    "goal": "Goal",
    "goals": "Goals by horizon",
    "year": "Year",
    "when": "Year",
    "derived": "Derived",
    "unit": "Unit",
    "direction": "Direction",
    "observations": "Observations",
    "observations_of": "Observations of {subject}",
    "benchmarks": "Benchmarks",
    "targets": "Targets",
    "source": "Source",
    "value": "Value",
    "basis": "Basis",
    "kind": "Kind",
    "name": "Name",
    "state": "State",
    "pace": "Pace",
    "why": "Why",
    "figures": "Figures",
    "peer_id": "Peer",
    "location": "Location",
    "severity": "Severity",
    "code": "Code",
    "message": "Message",
    "what_to_do": "What to do",
    "findings": "Findings",
    "no_findings": "no findings",
    "ranked_indicators": "Indicators ranked by gap",
    "ranked_shortfalls": "Shortfalls ranked by gap",
    "blind_spots": "Blind spots",
    "no_blind_spots": "No blind spots",
    "changes": "Score changes",
    "nothing": "no score, status or trend changed",
    "series": "Series over the years",
    "series_of": "{subject} over the years",
    "series_trend": "{title} · Trend {arrows}",
    "series_one": "{title} · no trend from one observation",
    "summary": "Score {score} ({status}) · Coverage {coverage}",
    "gaps_title": "{horizon} ({year}): {goal}",
    "subject_title": "{subject} · {title}",
    "actions_title": "Actions · {horizon} ({year})",
    "indicator_title": "{id} · {name} ({unit}, {direction}) · Shortfalls: {shortfalls}",
    "action_title": "{id} · {name} · {source} · {state}",
    "shortfall_title": "{id} · {name} · {source}",
    "hidden_columns": "({columns}: hidden at this width; widen the terminal or use --format)",
    "by_rule": "rule {rule}",
    "list_separator": ", ",
    # Pace in the indicator's unit.
    "pace_needed": "needs {change} a year",
    "pace_done": "needs {change} a year, has done {done}",
    # Legends.
    "note_assumption": "* target is an analyst's assumption (mostly computed by a rule declared in "
                       "method; see scorecard show), not a figure from the sources",
    "note_bands": "status (the level of the score): achieved 100 · challenges remain ≥{challenges_remain} · "
                  "moderate challenges ≥{moderate_challenges} · significant challenges ≥{significant_challenges} · "
                  "major challenges; insufficient data = coverage below {coverage}",
    "note_bound": "≤ / ≥ before a score: the latest figure is a bound (e.g. 'under a third'), so the true "
                  "score is at most / at least the one shown",
    "note_trend": "trend: {arrows}",
    "note_no_trend": "– no trend: one observation only, or no score",
    "note_conflict": "! the sources disagree on a value; the data declares which is scored (see scorecard show)",
    "note_conflict_show": "! the sources disagree: {scored} is scored",
    "note_year_assumed": "* an assumed year, which the sources do not give: its reason is the horizon's "
                         "year_reason in actions.yaml",
    "note_priority": "priority = mean gap (100 − score) of the shortfalls an action addresses; "
                     "score = mean score of its indicators",
    "note_why": "why: data = observations added or revised; target = the horizon's target value; "
                "mapping = which indicators measure a shortfall or show an action; "
                "method = floor, direction, weight, bands or horizon year",
    "why_line": "{reason}: {details}",
    # Values shown in words.
    "direction.higher": "higher is better",
    "direction.lower": "lower is better",
    "severity.error": "error",
    "severity.warning": "warning",
    "status.achieved": "achieved",
    "status.challenges_remain": "challenges remain",
    "status.moderate_challenges": "moderate challenges",
    "status.significant_challenges": "significant challenges",
    "status.major_challenges": "major challenges",
    "status.insufficient_data": "insufficient data",
    "trend.on_track": "on track",
    "trend.moderate": "improving",
    "trend.stagnating": "stagnating",
    "trend.decreasing": "decreasing",
    "blind.shortfall_without_action": "shortfall no action addresses",
    "blind.action_without_indicator": "action with no indicator",
    "blind.indicator_without_action": "indicator no action moves",
    "kind.indicator": "indicator",
    "kind.shortfall": "shortfall",
    "kind.action": "action",
    "kind.horizon": "horizon",
    "reason.data": "data",
    "reason.target": "target",
    "reason.mapping": "mapping",
    "reason.method": "method",
    "reason.indicator": "indicator moved",
    "reason.new": "new",
    "reason.removed": "removed",
    "state.unknown": "unknown",
    "state.planned": "planned",
    "state.under_way": "under way",
    "state.done": "done",
    "state.stalled": "stalled",
    # How a target was set, and why a horizon has none (views/targets.py).
    "target.close_gap": "{rule}: {fraction} of the gap from {start} ({start_year}) to {towards}: {arithmetic}",
    "target.trend": "{rule}: {change} a year ({first} in {first_year} to {start} in {start_year}), "
                    "continued to {year}: {arithmetic}",
    "target.best_peer": "{peer}'s {value}",
    "target.best_mean": "the mean of the best {k} peers ({peers}), {value}",
    "target.peer_median": "the peers' median ({peers}), {value}",
    "target.level": "the level {value} the sources give ({source})",
    "target.ideal": "{value} ({reach} of the way from {start} to its ideal end, {ideal})",
    "target.stated": "stated ({source})",
    "target.whole": "all",
    "target.rule_differs": "; its rule gives {value}",
    "target.unscored": "not scored: {reason}",
    "target.no_rule": "no target: the sources state none and no rule is named",
    "target.no_fraction": "no target: the rule gives no fraction for this horizon",
    "target.no_value": "no target: no figure at or before {detail}, the rule's base year",
    "target.no_peer": "no target: no peer figure at or before the rule's base year",
    "target.one_year": "no target: one year of figures ({detail}) by the base year, no trend to continue",
    "target.no_ideal": "no target: the rule names no ideal end",
}

ZH: dict[str, str] = {
    "rank": "#",
    "id": "编号",
    "indicator": "指标",
    "indicators": "指标",
    "shortfall": "短板",
    "shortfalls": "短板",
    "latest": "最新值",
    "target": "目标",
    "target_at": "目标 {horizon}",
    "score": "得分",
    "status": "状态",
    "trend": "趋势",
    "peer": "最佳标杆",
    "peer_plain": "标杆",
    "actions": "行动",
    "action": "行动计划",
    "programme": "计划",
    "coverage": "覆盖",
    "priority": "优先级",
    "horizon": "阶段",
    "goal": "目标表述",
    "goals": "各阶段目标",
    "year": "目标年",
    "when": "年份",
    "derived": "推算",
    "unit": "单位",
    "direction": "方向",
    "observations": "观测值",
    "observations_of": "{subject}观测值",
    "benchmarks": "标杆",
    "targets": "目标",
    "source": "来源",
    "value": "数值",
    "basis": "依据",
    "kind": "类别",
    "name": "名称",
    "state": "实施状态",
    "pace": "所需速度",
    "why": "原因",
    "figures": "数值",
    "peer_id": "标杆",
    "location": "位置",
    "severity": "级别",
    "code": "代码",
    "message": "问题",
    "what_to_do": "处理办法",
    "findings": "检查结果",
    "no_findings": "未发现问题",
    "ranked_indicators": "指标差距排名",
    "ranked_shortfalls": "短板差距排名",
    "blind_spots": "盲区",
    "no_blind_spots": "无盲区",
    "changes": "得分变化",
    "nothing": "得分、状态和趋势均无变化",
    "series": "历年数值",
    "series_of": "{subject}历年数值",
    "series_trend": "{title} · 趋势 {arrows}",
    "series_one": "{title} · 仅一期观测值，无趋势",
    "summary": "得分 {score} ({status}) · 覆盖 {coverage}",
    "gaps_title": "{horizon} ({year}): {goal}",
    "subject_title": "{subject} · {title}",
    "actions_title": "行动 · {horizon} ({year})",
    "indicator_title": "{id} · {name} ({unit}, {direction}) · 短板: {shortfalls}",
    "action_title": "{id} · {name} · {source} · {state}",
    "shortfall_title": "{id} · {name} · {source}",
    "hidden_columns": "（{columns}：此宽度下未显示；请加宽终端或使用 --format）",
    "by_rule": "规则 {rule}",
    "list_separator": "，",
    "pace_needed": "每年需 {change}",
    "pace_done": "每年需 {change}，此前每年 {done}",
    "note_assumption": "* 目标为分析假设（多由 method 中声明的规则算出，见 scorecard show），非文献所述",
    "note_bands": "状态（得分所处档位）：已实现 100 · 仍有挑战 ≥{challenges_remain} · 中等挑战 ≥{moderate_challenges} · "
                  "显著挑战 ≥{significant_challenges} · 重大挑战；数据不足 = 覆盖率低于 {coverage}",
    "note_bound": "≤ / ≥ 得分：最新值为上限或下限（如“不到1/3”），真实得分不高于 / 不低于所示",
    "note_trend": "趋势：{arrows}",
    "note_no_trend": "– 无趋势：仅一期观测值，或无得分",
    "note_conflict": "! 来源之间数值不一致，所计分者由数据声明（见 scorecard show）",
    "note_conflict_show": "! 来源之间数值不一致：计分的是 {scored}",
    "note_year_assumed": "* 目标年为假设，文献未给出：理由见 actions.yaml 中该阶段的 year_reason",
    "note_priority": "优先级 = 所应对短板的平均差距（100 − 得分）；得分 = 其指标的平均得分",
    "note_why": "原因：数据 = 观测值增改；目标 = 该阶段目标值；对应关系 = 指标与短板/行动的归属；"
                "方法参数 = 下限、方向、权重、状态分档或目标年",
    "why_line": "{reason}: {details}",
    "direction.higher": "越高越好",
    "direction.lower": "越低越好",
    "severity.error": "错误",
    "severity.warning": "警告",
    "status.achieved": "已实现",
    "status.challenges_remain": "仍有挑战",
    "status.moderate_challenges": "中等挑战",
    "status.significant_challenges": "显著挑战",
    "status.major_challenges": "重大挑战",
    "status.insufficient_data": "数据不足",
    "trend.on_track": "按期",
    "trend.moderate": "改善",
    "trend.stagnating": "停滞",
    "trend.decreasing": "倒退",
    "blind.shortfall_without_action": "无行动应对的短板",
    "blind.action_without_indicator": "无指标衡量的行动",
    "blind.indicator_without_action": "无行动推动的指标",
    "kind.indicator": "指标",
    "kind.shortfall": "短板",
    "kind.action": "行动",
    "kind.horizon": "阶段",
    "reason.data": "数据",
    "reason.target": "目标",
    "reason.mapping": "对应关系",
    "reason.method": "方法参数",
    "reason.indicator": "指标变动",
    "reason.new": "新增",
    "reason.removed": "删除",
    "state.unknown": "未知",
    "state.planned": "计划中",
    "state.under_way": "实施中",
    "state.done": "已完成",
    "state.stalled": "停滞",
    "target.close_gap": "{rule}：自 {start}（{start_year}）向{towards} 缩小 {fraction} 差距：{arithmetic}",
    "target.trend": "{rule}：{first}（{first_year}）至 {start}（{start_year}）年均 {change}，延续至 {year}：{arithmetic}",
    "target.best_peer": "{peer}的 {value}",
    "target.best_mean": "最佳 {k} 个标杆（{peers}）的均值 {value}",
    "target.peer_median": "标杆（{peers}）的中位数 {value}",
    "target.level": "文献给出的水平 {value}（{source}）",
    "target.ideal": "{value}（自 {start} 向理想端 {ideal} 走 {reach}）",
    "target.stated": "文献所述（{source}）",
    "target.whole": "全部",
    "target.rule_differs": "；规则给出 {value}",
    "target.unscored": "不计分：{reason}",
    "target.no_rule": "无目标：既无文献所述水平，也未指定规则",
    "target.no_fraction": "无目标：规则未给出该阶段的比例",
    "target.no_value": "无目标：{detail} 年（规则基准年）及以前无数值",
    "target.no_peer": "无目标：基准年及以前无标杆数值",
    "target.one_year": "无目标：基准年前仅有 {detail} 年一期数值，无趋势可延续",
    "target.no_ideal": "无目标：未给出理想端",
}

TABLES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}

# Colours of the level bands in a terminal (the SDG dashboards' green to red).
STATUS_STYLE = {
    "achieved": "green", "challenges_remain": "yellow", "moderate_challenges": "yellow",
    "significant_challenges": "dark_orange", "major_challenges": "red", "insufficient_data": "dim",
}


def word(key: str, lang: str, **values: object) -> str:
    """The template `key` in `lang` (English where there is none), filled with `values`."""
    template = TABLES.get(lang, EN).get(key) or EN[key]
    return template.format(**values) if values else template


def pick(group: str, value: str | None, lang: str) -> str:
    """A value shown in words, e.g. pick("status", "achieved", "en") → "achieved"; None → "–"."""
    return "–" if value is None else word(f"{group}.{value}", lang)


def trend(value: str | None, lang: str) -> str:
    """A trend as its arrow and its word: "↑ on track"; None → "–"."""
    return "–" if value is None else f"{Trend(value).arrow} {word(f'trend.{value}', lang)}"


def trend_legend(lang: str) -> str:
    return word("note_trend", lang, arrows=" · ".join(trend(t.value, lang) for t in Trend))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
