"""Settings for `make bench` only: the development settings (what `make run` serves) with
the anchor route added (bench/urls.py). Nothing else uses this module: not `make run`, not
the container image, not the tests' servers (tests/test_bench_anchor.py checks that the
other settings' URLconf has no anchor route)."""
from mynalicense.settings.dev import *  # noqa: F403
from mynalicense.settings.dev import BASE_DIR

ROOT_URLCONF = "bench.urls"
# Where bench/server.py leaves the captured pages the anchor view returns.
BENCH_ANCHOR_DIR = BASE_DIR / "bench" / "out" / "anchors"
