"""Fees, in one dated table: a fee change is one new row with its effective-from date.

Pure Python (no Django). Amounts and sources as in ../shared/spec/facts.md ("Fees").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Fee:
    kind: str
    yen: int
    effective_from: date
    source: str


FEES: tuple[Fee, ...] = (
    # Recording license information on a new card at the license center. Waived after a
    # failed online continued-use application (記録：無).
    Fee("recording", 1500, date(2025, 9, 1), "seed flyer; Toyama prefectural police"),
    # License renewal, since the fee revision of 2025-03-24 (secondary sources), plus the
    # lecture fee, which depends on the person's course and is not shown.
    Fee("renewal_card_only", 2100, date(2025, 3, 24), "secondary sources"),
    Fee("renewal_plastic_only", 2850, date(2025, 3, 24), "secondary sources"),
    Fee("renewal_both", 2950, date(2025, 3, 24), "secondary sources"),
)
FEE_KINDS = frozenset(fee.kind for fee in FEES)


def fee_in_force(*, kind: str, on: date) -> Fee:
    """The fee of this kind in force on the date: the latest row that has taken effect."""
    rows = [fee for fee in FEES if fee.kind == kind]
    if not rows:
        raise KeyError(kind)
    in_force = [fee for fee in rows if fee.effective_from <= on]
    # Before the first row took effect, the first row is the best we know.
    return max(in_force or rows, key=lambda fee: fee.effective_from)


def fee_amount(*, kind: str, on: date) -> int:
    return fee_in_force(kind=kind, on=on).yen


def fee_recording(*, on: date) -> int:
    return fee_amount(kind="recording", on=on)
