"""A QR code of the checklist's own link, drawn on the server as inline SVG (no outside
service, no JavaScript), so a person can take the checklist to their phone."""

from html import escape

import segno


def qr_svg(*, url: str, label: str) -> str:
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr__code")
    # An image with a name for screen readers; the link itself is also shown in text.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
