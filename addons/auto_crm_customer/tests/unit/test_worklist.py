"""Unit tests of tools/worklist.py (the worklist's ranking and its explanation), without Odoo; loaded by file
path as test_vin.py explains."""

import importlib.util
import pathlib
import sys
from datetime import date

_PATH = pathlib.Path(__file__).resolve().parents[2] / "tools" / "worklist.py"
_spec = importlib.util.spec_from_file_location("auto_crm_customer_tools_worklist", _PATH)
worklist = importlib.util.module_from_spec(_spec)
# a dataclass looks its module up by name
sys.modules[_spec.name] = worklist
_spec.loader.exec_module(worklist)

TODAY = date(2026, 3, 10)


def _item(kind, res_id, user_id=1, **values):
    return worklist.WorkItem(kind=kind, user_id=user_id, res_model="x.model", res_id=res_id, **values)


def _known_set():
    return [
        _item("birthday", 1, date_due=TODAY),
        _item("followup", 2, date_due=date(2026, 3, 9)),
        _item("lead", 3, date_due=date(2026, 3, 7), grade="H", amount=120000.0),
        _item("complaint", 4, date_due=TODAY, sla_hours_left=-5.0),
        _item("receivable", 5, date_due=date(2026, 3, 12), amount=50000.0),
        _item("lead", 6, date_due=date(2026, 3, 7), grade="C", amount=120000.0),
        _item("followup", 7, user_id=2, date_due=date(2026, 3, 1), tier="key"),
    ]


def test_ranking_of_a_known_set():
    ranked = worklist.rank(_known_set(), TODAY)
    assert [(item.user_id, item.res_id, item.rank) for item in ranked] == [
        (1, 4, 1),  # a complaint past its SLA
        (1, 3, 2),  # an H lead 3 days late with ¥120,000 at stake
        (1, 6, 3),  # the same lead as a C
        (1, 2, 4),  # a follow-up a day late
        (1, 5, 5),  # an instalment due in 2 days
        (1, 1, 6),  # a birthday
        (2, 7, 1),  # another user's list starts at 1
    ]


def test_scores_add_up_as_documented():
    lead = _item("lead", 3, date_due=date(2026, 3, 7), grade="H", amount=120000.0)
    points, _words = worklist.score(lead, TODAY)
    assert points == 35 + 3 * worklist.LATE_POINTS + 25 + 12
    complaint = _item("complaint", 4, date_due=TODAY, sla_hours_left=-5.0)
    assert worklist.score(complaint, TODAY)[0] == 60 + worklist.DUE_TODAY_POINTS + worklist.SLA_BREACHED_POINTS
    # lateness is capped: a year late is not worth more than a month
    old = _item("followup", 8, date_due=date(2025, 3, 10))
    assert worklist.score(old, TODAY)[0] == 40 + worklist.LATE_POINTS * worklist.LATE_CAP


def test_explanation_says_why_here_and_why_in_this_place():
    ranked = {item.res_id: item for item in worklist.rank(_known_set(), TODAY)}
    assert ranked[3].explanation == [
        ("overdue", {"days": 3}),
        ("grade", {"grade": "H"}),
        ("amount", {"amount": 120000.0}),
    ]
    assert ranked[4].explanation == [("due_today", {}), ("sla_breached", {"hours": 5})]
    assert ranked[5].explanation == [("due_in", {"days": 2}), ("amount", {"amount": 50000.0})]
    assert ranked[7].explanation == [("overdue", {"days": 9}), ("tier", {"tier": "key"})]


def test_source_reasons_come_first():
    item = _item("lead", 3, date_due=TODAY, reasons=[("no_contact", {"days": 4, "cadence": 3})])
    assert worklist.score(item, TODAY)[1][0] == ("no_contact", {"days": 4, "cadence": 3})


def test_one_item_per_user_and_subject_the_higher_scored():
    followup = _item("followup", 10, date_due=TODAY, subject=("crm.lead", 3))
    lead = _item("lead", 3, date_due=date(2026, 3, 5), grade="H", subject=("crm.lead", 3))
    other_user = _item("lead", 3, user_id=2, date_due=TODAY, subject=("crm.lead", 3))
    ranked = worklist.rank([followup, lead, other_user], TODAY)
    assert [(item.user_id, item.kind) for item in ranked] == [(1, "lead"), (2, "lead")]


def test_ties_by_due_date_then_source_order():
    first = _item("followup", 1, date_due=TODAY)
    second = _item("followup", 2, date_due=TODAY)
    undated = _item("birthday", 3)
    undated_too = _item("birthday", 4)
    ranked = worklist.rank([second, first, undated_too, undated], TODAY)
    assert [item.res_id for item in ranked] == [2, 1, 4, 3]


def test_sla_near_scores_more_the_less_time_is_left():
    near = worklist.score(_item("complaint", 1, sla_hours_left=2.0), TODAY)
    far = worklist.score(_item("complaint", 2, sla_hours_left=20.0), TODAY)
    later = worklist.score(_item("complaint", 3, sla_hours_left=40.0), TODAY)
    assert near[0] > far[0] > later[0] == worklist.KIND_WEIGHTS["complaint"]
    assert near[1] == [("sla_left", {"hours": 2})]
