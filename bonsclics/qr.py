"""QR codes as inline SVG: no image file, no style attribute, a title read by screen readers."""
import segno
from markupsafe import Markup


def qr_svg(data, title):
    """`data` as an inline SVG QR code (medium error correction) named by `title`."""
    svg = segno.make_qr(data, error="m").svg_inline(scale=1, omitsize=True, svgclass="qr", lineclass=None, title=title)
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))
