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
    "note_assumption": ("* 目标为分析假设（多由 method 中声明的规则算出，见 scorecard show），非文献所述",
                        "* target is an analyst's assumption (mostly computed by a rule declared in "
                        "method; see scorecard show), not a figure from the sources"),
    "note_bands": ("状态（得分所处档位）：已实现 100 · 仍有挑战 ≥{challenges_remain} · 中等挑战 ≥{moderate_challenges} · "
                   "显著挑战 ≥{significant_challenges} · 重大挑战；数据不足 = 覆盖率低于 {coverage}",
                   "status (the level of the score): achieved 100 · challenges remain ≥{challenges_remain} · "
                   "moderate challenges ≥{moderate_challenges} · significant challenges ≥{significant_challenges} · "
                   "major challenges; insufficient data = coverage below {coverage}"),
    "note_bound": ("≤ / ≥ 得分：最新值为上限或下限（如“不到1/3”），真实得分不高于 / 不低于所示",
                   "≤ / ≥ before a score: the latest figure is a bound (e.g. 'under a third'), so the true "
                   "score is at most / at least the one shown"),
    "note_trend": ("趋势：↑ 按期达成 · ➚ 改善 · → 停滞 · ↓ 倒退 · – 仅一期观测值，无法判断",
                   "trend: ↑ on track · ➚ improving · → stagnating · ↓ decreasing · – one observation only, no trend"),
    "note_conflict": ("! 来源之间数值不一致，所计分者由数据声明（见 scorecard show）",
                      "! the sources disagree on a value; the data declares which is scored (see scorecard show)"),
    "note_conflict_show": ("! 来源之间数值不一致：计分的是 {scored}", "! the sources disagree: {scored} is scored"),
    "higher": ("越高越好", "higher is better"),
    "lower": ("越低越好", "lower is better"),
    "stated": ("文献所述", "stated"),
    "assumption": ("假设", "assumption"),
    "changes": ("得分变化", "Score changes"),
    "why": ("原因", "Why"),
    "before": ("之前", "before"),
    "after": ("之后", "after"),
    "nothing": ("得分、状态和趋势均无变化", "no score, status or trend changed"),
    "subject": ("主体", "Subject"),
    "section": ("章节", "Section"),
    "use": ("用途", "Use"),
    "who": ("对象", "Who"),
    "quote": ("原文", "Quote"),
    "source_figures": ("取自该文献的数值（按章节）", "Figures taken from the source, section by section"),
    "source_items": ("取自该文献的短板、阶段、计划和行动", "Shortfalls, horizons, programmes and actions from the source"),
    "no_figures": ("无数值取自该文献", "no figure is taken from this source"),
    "note_source_map": ("{sections} 个章节的 {figures} 个数值，用于 {indicators} 个指标",
                        "{figures} figures from {sections} sections, feeding {indicators} indicators"),
    "note_why": ("原因：数据 = 观测值增改；目标 = 该阶段目标值；对应关系 = 指标与短板/行动的归属；"
             "方法参数 = 下限、方向、权重、状态分档或目标年",
             "why: data = observations added or revised; target = the horizon's target value; "
             "mapping = which indicators measure a shortfall or show an action; "
             "method = floor, direction, weight, bands or horizon year"),
    "robustness_title": ("{horizon}（{year}）：排名有多稳健 · {draws} 次抽样", "{horizon} ({year}): how sure the ranking is · {draws} draws"),
    "robust_shortfalls": ("短板排名的稳健性", "How sure the shortfalls' ranking is"),
    "robust_actions": ("行动排名的稳健性", "How sure the actions' ranking is"),
    "robust_indicators": ("指标排名的稳健性", "How sure the indicators' ranking is"),
    "robust_assumptions": ("抽样的假设", "The assumptions drawn"),
    "robust_sensitivity": ("哪项假设最影响排名（敏感性指数）", "Which assumption moves the ranking most (sensitivity indices)"),
    "no_assumptions": ("数据未声明任何不确定的假设", "the data declares no assumption uncertain"),
    "rank_median": ("中位排名", "Median"),
    "rank_interval": ("排名 5%–95%", "5–95%"),
    "top_share": ("前{k}位", "Top {k}"),
    "band_shares": ("各档占比", "Bands"),
    "driver": ("影响最大的假设", "Moved most by"),
    "assumption": ("假设", "Assumption"),
    "rule": ("规则", "Rule"),
    "nominal": ("声明值", "Declared"),
    "drawn_from": ("抽样范围", "Drawn from"),
    "as_declared": ("按数据声明", "as declared"),
    "output": ("输出", "Output"),
    "first_order": ("一阶指数", "First order"),
    "total_order": ("总效应指数", "Total"),
    "rank_shift": ("平均排名变动", "mean rank shift"),
    "rank_of": ("{id} 的排名", "rank of {id}"),
    "note_robust_ranks": ("排名按差距从大到小，并列者取较前名次；# 为按数据声明的排名，中位排名与 5%–95% 为各次抽样排名的分位数",
                          "ranks run from the largest gap, ties sharing the better rank; # is the rank under the "
                          "declared assumptions, the median and 5–95% are percentiles of the rank over the draws"),
    "note_robust_shift": ("平均绝对排名变动（各次抽样的均值）：短板 {shortfalls} · 行动 {actions} · 指标 {indicators}",
                          "mean absolute rank shift (averaged over the draws): shortfalls {shortfalls} · "
                          "actions {actions} · indicators {indicators}"),
    "note_robust_runs": ("敏感性指数（Saltelli 设计，Jansen 估计）：N = {draws}，k = {groups} 组假设，共 {runs} 次计算；± 为 90% 置信区间半宽",
                         "sensitivity indices (Saltelli design, Jansen estimators): N = {draws}, k = {groups} "
                         "groups of assumptions, {runs} runs; ± is the 90% margin"),
    "sentence_top": ("“{name}”在 {draws} 次抽样中有 {share} 位列差距最大的前{k}位；至少 90% 的抽样中排名第 {low} 至第 {high} 位。",
                     "“{name}” is among the {k} largest gaps in {share} of {draws} draws; "
                     "its rank is {low} to {high} in at least 90% of them."),
    "sentence_first": ("“{name}”在 {draws} 次抽样中有 {share} 差距最大；至少 90% 的抽样中排名第 {low} 至第 {high} 位。",
                       "“{name}” has the largest gap in {share} of {draws} draws; "
                       "its rank is {low} to {high} in at least 90% of them."),
    "sentence_fixed": ("“{name}”在 {draws} 次抽样中有 {share} 位列差距最大的前{k}位；至少 90% 的抽样中排名第 {low} 位。",
                       "“{name}” is among the {k} largest gaps in {share} of {draws} draws; "
                       "its rank is {low} in at least 90% of them."),
    "sentence_fixed_first": ("“{name}”在 {draws} 次抽样中有 {share} 差距最大；至少 90% 的抽样中排名第 {low} 位。",
                             "“{name}” has the largest gap in {share} of {draws} draws; "
                             "its rank is {low} in at least 90% of them."),
}

# The uncertain inputs a robustness analysis draws (docs/method.md, "How sure the ranking is").
ASSUMPTION = {
    "fraction": ("缩小差距的比例", "fraction of the gap"),
    "reference": ("参照值", "reference"),
    "floor": ("下限", "floors"),
    "weight": ("权重", "weights"),
    "band": ("分档界限", "band edges"),
}

# Small counts in words, for sentences ("among the three largest gaps").
COUNT = {str(n): (zh, en) for n, (zh, en) in enumerate(
    zip("一二三四五六七八九十", ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")),
    start=1)}

STATUS = {
    "achieved": ("已实现", "achieved"),
    "challenges_remain": ("仍有挑战", "challenges remain"),
    "moderate_challenges": ("中等挑战", "moderate challenges"),
    "significant_challenges": ("显著挑战", "significant challenges"),
    "major_challenges": ("重大挑战", "major challenges"),
    "insufficient_data": ("数据不足", "insufficient data"),
}

# How a target was set, and why a horizon has none: templates filled by views/targets.py.
TARGET = {
    "close_gap": ("{rule}：自 {start}（{start_year}）向{towards} 缩小 {fraction} 差距：{arithmetic}",
                  "{rule}: {fraction} of the gap from {start} ({start_year}) to {towards}: {arithmetic}"),
    "trend": ("{rule}：{first}（{first_year}）至 {start}（{start_year}）年均 {change}，延续至 {year}：{arithmetic}",
              "{rule}: {change} a year ({first} in {first_year} to {start} in {start_year}), "
              "continued to {year}: {arithmetic}"),
    "best_peer": ("{peer}的 {value}", "{peer}'s {value}"),
    "best_mean": ("最佳 {k} 个标杆（{peers}）的均值 {value}", "the mean of the best {k} peers ({peers}), {value}"),
    "peer_median": ("标杆（{peers}）的中位数 {value}", "the peers' median ({peers}), {value}"),
    "level": ("文献给出的水平 {value}（{source}）", "the level {value} the sources give ({source})"),
    "ideal": ("{value}（自 {start} 向理想端 {ideal} 走 {reach}）", "{value} ({reach} of the way from {start} to its ideal end, {ideal})"),
    "stated": ("文献所述（{source}）", "stated ({source})"),
    "whole": ("全部", "all"),
    "rule_differs": ("；规则给出 {value}", "; its rule gives {value}"),
    "unscored": ("不计分：{reason}", "not scored: {reason}"),
    "no_rule": ("无目标：既无文献所述水平，也未指定规则", "no target: the sources state none and no rule is named"),
    "no_fraction": ("无目标：规则未给出该阶段的比例", "no target: the rule gives no fraction for this horizon"),
    "no_value": ("无目标：{detail} 年（规则基准年）及以前无数值", "no target: no figure at or before {detail}, the rule's base year"),
    "no_peer": ("无目标：基准年及以前无标杆数值", "no target: no peer figure at or before the rule's base year"),
    "one_year": ("无目标：基准年前仅有 {detail} 年一期数值，无趋势可延续",
                 "no target: one year of figures ({detail}) by the base year, no trend to continue"),
    "no_ideal": ("无目标：未给出理想端", "no target: the rule names no ideal end"),
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
    "programme": ("计划", "programme"),
}

# How a figure of a source is used (`show SOURCE-ID`).
SOURCE_USE = {
    "scored": ("计分", "scored"),
    "no_target": ("无目标", "no target"),
    "not_scored": ("不计分（来源冲突）", "not scored (sources disagree)"),
    "unscored": ("背景（指标不计分）", "context (indicator unscored)"),
    "target": ("文献所述目标", "stated target"),
    "level": ("规则参照水平", "a rule's reference level"),
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


def say(table: dict[str, tuple[str, str]], key: str, lang: str, **values) -> str:
    """A template from `table` filled with `values`."""
    return pick(table, key, lang).format(**values)


def pick(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return "–"
    zh, en = table[key]
    return en if lang == "en" else zh
