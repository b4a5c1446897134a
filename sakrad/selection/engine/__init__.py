"""Diversity-selection engine: fair (leximin) and legacy quota lotteries.

Pure Python plus HiGHS (highspy); no Flask, no database. See api.run_selection.
"""

from .api import (
    ALGORITHMS,
    ENGINE_VERSION,
    BudgetTooSmall,
    Cancelled,
    Progress,
    ProgressCallback,
    SelectionResult,
    run_from_json,
    run_selection,
)
from .draw import first_fitting_reserve, quota_violations, reserve_order
from .legacy import LegacyFailed
from .model import (
    Candidate,
    Forced,
    InfeasibleQuotas,
    Instance,
    Quota,
    QuotaProblem,
    dump_instance,
    instance_from_dict,
    instance_to_dict,
    load_instance,
)

__all__ = [
    "ALGORITHMS",
    "ENGINE_VERSION",
    "BudgetTooSmall",
    "Cancelled",
    "Candidate",
    "Forced",
    "InfeasibleQuotas",
    "Instance",
    "LegacyFailed",
    "Progress",
    "ProgressCallback",
    "Quota",
    "QuotaProblem",
    "SelectionResult",
    "dump_instance",
    "first_fitting_reserve",
    "instance_from_dict",
    "instance_to_dict",
    "load_instance",
    "quota_violations",
    "reserve_order",
    "run_from_json",
    "run_selection",
]
