"""The pages the benchmarks load: the same ones the tests measure (tests/support/pages.py)."""

from tests.support.pages import *  # noqa: F401,F403
