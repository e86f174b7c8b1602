"""A person's plan: the whole output of the rules, typed and complete. The pages, the
calendar file and the timeline read it; none of them works a rule out again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .answers import Answers, Stage
from .catalogue import (
    CATALOGUE,
    NEXT_ACTIONS_MAX,
    Milestone,
    MilestoneKind,
    Step,
    Values,
)
from .offices import Service
from .rules import Expected, Outcome, Requirement, Status, requirements_build, outcome_choose, situation_build


@dataclass(frozen=True, kw_only=True, slots=True)
class PlannedItem:
    id: str
    step: Step
    values: Values
    service: Service | None
    sources: tuple[str, ...]
    due: date | None  # the date its action is due by, where it has one
    warning: bool
    done: bool  # something already done, not to do


@dataclass(frozen=True, kw_only=True, slots=True)
class NextAction:
    """rules.md §7: one of the first things to do, pointing at its item."""

    item: PlannedItem

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def due(self) -> date | None:
        return self.item.due


@dataclass(frozen=True, kw_only=True, slots=True)
class Plan:
    answers: Answers  # normalized: what does not apply is at its default
    today: date
    outcome: Outcome
    expected: Expected  # R: the notice's result, or what it is expected to say
    history: bool  # a マイナ経歴証明書 (運転経歴情報), not a license
    fee: int  # the recording fee in force today
    requirements: tuple[tuple[Requirement, Status], ...]  # the §6 panel; () = no panel
    items: tuple[PlannedItem, ...]
    next_actions: tuple[NextAction, ...]
    milestones: tuple[Milestone, ...]  # the person's dates still to come, in MilestoneKind order

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    @property
    def warnings(self) -> tuple[PlannedItem, ...]:
        return tuple(item for item in self.items if item.warning)

    @property
    def stage(self) -> Stage:
        return self.answers.stage

    def step_items(self, step: Step | str) -> tuple[PlannedItem, ...]:
        return tuple(item for item in self.items if item.step == step)

    def milestone(self, kind: MilestoneKind) -> Milestone | None:
        for milestone in self.milestones:
            if milestone.kind is kind:
                return milestone
        return None


_KIND_ORDER = {kind: index for index, kind in enumerate(MilestoneKind)}


def plan_build(*, answers: Answers, today: date) -> Plan:
    """The checklist for these answers on this day (in Asia/Tokyo)."""
    s = situation_build(answers=answers, today=today)
    items: list[PlannedItem] = []
    ranked: list[tuple[int, int, PlannedItem]] = []
    milestones: dict[MilestoneKind, Milestone] = {}
    for entry in CATALOGUE:
        if not entry.condition(s):
            continue
        item = PlannedItem(id=entry.id, step=entry.step, values=entry.values(s),
                           service=entry.service, sources=entry.sources, due=entry.due(s),
                           warning=entry.warning, done=entry.done)
        items.append(item)
        urgency = entry.urgency_for(s)
        if urgency is not None:
            ranked.append((urgency, len(items), item))
        for milestone in entry.milestones(s):
            milestones.setdefault(milestone.kind, milestone)
    ranked.sort(key=lambda row: row[:2])
    return Plan(
        answers=s.a, today=today, outcome=outcome_choose(s), expected=s.R, history=s.HIST,
        fee=s.fee, requirements=requirements_build(s), items=tuple(items),
        next_actions=tuple(NextAction(item=item) for _, _, item in ranked[:NEXT_ACTIONS_MAX]),
        milestones=tuple(sorted(milestones.values(), key=lambda m: _KIND_ORDER[m.kind])),
    )
