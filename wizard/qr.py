"""A QR code of the checklist's own link, drawn on the server as inline SVG (no outside
service, no JavaScript), so a person can take the checklist to their phone."""

from html import escape

import segno

# Any of the eight masks gives a valid code (ISO/IEC 18004); letting segno try all eight and
# score them costs about 3× the time (~33 ms instead of ~10 ms per page here). A fixed mask
# keeps the page affordable without caching anything: the link holds a person's answers,
# so no code outlives the request that drew it. tests/test_qr.py decodes what we draw.
MASK = 2


def qr_svg(*, url: str, label: str) -> str:
    code = segno.make(url, error="m", mask=MASK)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr__code")
    # An image with a name for screen readers; the link itself is also shown in text.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
