"""A QR code of the checklist's own link, as an SVG image drawn on the server (no outside
service, no JavaScript), so a person can take the checklist to their phone.

The checklist page does not draw it: it links the image (/<lang>/checklist/qr.svg?<answers>,
/<lang>/counter/qr.svg at the counter), which the browser fetches on its own request, so
the page's request stays cheap (docs/decisions/0005-qr-code-as-its-own-image.md). zxing-cpp
encodes in C++: about 0.7 ms for a checklist link, 1.2 ms with the path below, against
segno's 3.2 ms with a fixed mask (docs/performance.md). Nothing is kept: the link holds a person's answers, so no code
outlives the request that drew it. tests/test_qr.py decodes what we draw.
"""

from __future__ import annotations

import re

import zxingcpp

# Light modules around the code, as ISO/IEC 18004 asks (4 modules).
BORDER = 4
_DARK_RUN = re.compile(rb"\x00+")


def qr_svg(url: str) -> str:
    """A standalone SVG image of `url` as a QR code, error correction level M (15 %), one
    unit per module: each run of dark modules in a row is a stroke one unit high."""
    # `ec_level="M"`: zxing-cpp 3.1 ignores `options="ecLevel=M"` and writes level L.
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[1]
    modules = bytes(memoryview(image))  # one byte per module, row after row: 0 is dark
    parts = []
    pen = None
    for row in range(size):
        start = row * size
        for run in _DARK_RUN.finditer(modules, start, start + size):
            x, length = run.start() - start, run.end() - run.start()
            if pen is None:
                parts.append(f"M{x + BORDER} {row + BORDER}.5h{length}")
            else:
                parts.append(f"m{x - pen[0]} {row - pen[1]}h{length}")
            pen = (x + length, row)
    full = size + 2 * BORDER
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}">'
            f'<rect width="{full}" height="{full}" fill="#fff"/>'
            f'<path stroke="#000" d="{"".join(parts)}"/></svg>')
