"""Fees come from one dated table: the fee valid on a day is the latest row in force."""

from datetime import date

import pytest

from guide import fees
from guide.fees import Fee, fee_amount, fee_recording


def test_recording_fee_is_1500_yen_today():
    assert fee_recording(on=date(2026, 11, 26)) == 1500


def test_a_new_row_takes_effect_on_its_date(monkeypatch):
    monkeypatch.setattr(fees, "FEES", fees.FEES + (Fee("recording", 1800, date(2027, 4, 1), "test"),))
    assert fee_recording(on=date(2027, 3, 31)) == 1500
    assert fee_recording(on=date(2027, 4, 1)) == 1800


@pytest.mark.parametrize("kind, yen", [("renewal_card_only", 2100), ("renewal_plastic_only", 2850),
                                       ("renewal_both", 2950)])
def test_renewal_fees_since_march_2025(kind, yen):
    assert fee_amount(kind=kind, on=date(2026, 1, 1)) == yen


def test_unknown_fee_kind_raises():
    with pytest.raises(KeyError):
        fee_amount(kind="parking", on=date(2026, 1, 1))
