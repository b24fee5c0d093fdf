import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "finance.py"
_SPEC = importlib.util.spec_from_file_location("auto_crm_sales_finance", _PATH)
finance = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(finance)


def test_monthly_payment_amortised():
    # 100,000 over 36 months at 3.6% a year: 2,934.64 a month
    assert finance.monthly_payment(100000, 3.6, 36) == 2934.64


def test_monthly_payment_zero_rate_and_nothing_to_pay():
    assert finance.monthly_payment(120000, 0, 24) == 5000.0
    assert finance.monthly_payment(0, 4.0, 24) == 0.0
    assert finance.monthly_payment(1000, 4.0, 0) == 0.0


def test_ageing_buckets():
    assert finance.ageing_bucket(-5) == "not_due"
    assert finance.ageing_bucket(0) == "not_due"
    assert finance.ageing_bucket(1) == "1_30"
    assert finance.ageing_bucket(30) == "1_30"
    assert finance.ageing_bucket(31) == "31_60"
    assert finance.ageing_bucket(90) == "61_90"
    assert finance.ageing_bucket(91) == "over_90"


def test_allocate_payments_in_order():
    assert finance.allocate_payments([5000, 45000, 100000], 30000) == [5000, 25000, 0]
    assert finance.allocate_payments([5000, 45000], 0) == [0, 0]
    assert finance.allocate_payments([5000, 45000], 60000) == [5000, 45000]
