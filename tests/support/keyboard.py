"""Driving a page with the keyboard alone: Tab to an element, every stop on the way showing
its focus, and press a key that navigates."""

from __future__ import annotations

from playwright.sync_api import Page


# Where the focus is, and whether it can be seen: an outline or a box-shadow ring.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body', visible: false, html: ''};
  const s = getComputedStyle(el);
  const transparent = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
    && !transparent(s.outlineColor);
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
    && box.left < window.innerWidth;
  return {tag: el.tagName.toLowerCase(), id: el.id, visible: (outline || shadow) && onScreen,
          html: el.outerHTML.slice(0, 200)};
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUS_JS)


def tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until `selector` has the focus; every stop on the way must show its focus."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focused(page)
        assert focus["visible"], f"focus not visible on {focus['html']} (after {stops})"
        stops.append(focus["html"][:60])
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}: {stops}")


def press_and_wait(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def autofocus_wait(page: Page, selector: str, *, timeout_ms: int = 5000) -> None:
    """Wait until the element `selector` has the focus its `autofocus` gives it. The browser
    applies autofocus at its next rendering step, which on a busy machine can come after the
    load event that the navigation waited for."""
    page.wait_for_function("s => document.activeElement && document.activeElement.matches(s)",
                           arg=selector, timeout=timeout_ms)
