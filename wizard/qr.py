"""A QR code of the checklist's own link, drawn on the server as inline SVG (no outside
service, no JavaScript), so a person can take the checklist to their phone."""

import threading
import time
from collections import OrderedDict
from html import escape

import segno

# Drawing a code takes tens of milliseconds (segno tries eight masks in pure Python), more
# than the rest of the page. A person opens the checklist, then its step pages, reloads or
# comes back: all show the same code. So each code is kept for a few minutes, in this
# process's memory only, and dropped after that (the link holds the person's answers:
# nothing of it is kept longer, nor written anywhere). docs/performance.md has the figures.
CACHE_SECONDS = 300
CACHE_SIZE = 128
_cache: "OrderedDict[tuple[str, str], tuple[float, str]]" = OrderedDict()  # oldest first
_lock = threading.Lock()


def _draw(url: str, label: str) -> str:
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr__code")
    # An image with a name for screen readers; the link itself is also shown in text.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def _expire(now: float) -> None:
    """Drop the codes drawn more than CACHE_SECONDS ago, and the oldest beyond CACHE_SIZE."""
    while _cache and (len(_cache) > CACHE_SIZE or next(iter(_cache.values()))[0] <= now):
        _cache.popitem(last=False)


def qr_svg(*, url: str, label: str) -> str:
    key = (url, label)
    now = time.monotonic()
    with _lock:
        _expire(now)
        kept = _cache.get(key)
    if kept is not None:
        return kept[1]
    svg = _draw(url, label)
    with _lock:
        _cache.pop(key, None)
        _cache[key] = (now + CACHE_SECONDS, svg)
        _expire(now)
    return svg


def qr_cache_clear() -> None:
    with _lock:
        _cache.clear()
