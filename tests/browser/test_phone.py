"""5. Phone and zoom: at 320 CSS pixels wide (a phone, or 1280 pixels at 400 % zoom) no page
scrolls sideways (WCAG 1.4.10 Reflow), and every control is at least 24 × 24 CSS pixels
(WCAG 2.5.8 Target Size (Minimum))."""

from __future__ import annotations

import pytest

from .support import PAGE_IDS, PAGES, open_kind

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}

# Every element that can be clicked or tapped, wherever it is, with its box.
TARGETS_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"]), [role=button]';
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;          // not rendered
    if (box.right <= 0 || box.bottom <= -window.scrollY) continue; // moved off screen (skip link)
    if (el.closest('.visually-hidden')) continue;
    // WCAG 2.5.8 "inline" exception: a link inside a run of text, sized by its line.
    const block = el.parentElement.closest('p, li, dd, td, th');
    const inline = el.tagName === 'A' && style.display === 'inline' && block
      && block.textContent.trim().length > el.textContent.trim().length;
    out.push({html: el.outerHTML.slice(0, 160), width: box.width, height: box.height,
              display: style.display, inline: !!inline});
  }
  return out;
}"""

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5 && !el.closest('.visually-hidden, .skip-link'))
      wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${box.right.toFixed(1)}`);
  }
  return {clientWidth: width, scrollWidth: document.documentElement.scrollWidth,
          bodyScrollWidth: document.body.scrollWidth, wide: wide.slice(0, 10)};
}"""


@pytest.mark.parametrize("kind", PAGES, ids=PAGE_IDS)
def test_phone_320(shared_page, kind):
    page = shared_page("phone", **PHONE)
    open_kind(page, kind)
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], f"{kind.id} scrolls sideways: {overflow}"
    assert not overflow["wide"], f"{kind.id}: wider than the screen: {overflow}"
    small = [t for t in page.evaluate(TARGETS_JS)
             if not t["inline"] and (t["width"] < 24 or t["height"] < 24)]
    assert not small, f"{kind.id}: targets smaller than 24 × 24: {small}"
