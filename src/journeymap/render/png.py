"""PNG through resvg (a Rust rasteriser shipped as a wheel): no browser, no system library.

A raster costs 4 bytes a pixel while the SVG grows by a few hundred bytes a step, so a valid
map of 10,000 steps (2.2 million pixels wide) took 5 GB and a minute to rasterise at full
size. Pictures beyond the bounds below are scaled down to fit, keeping their proportions:
the PNG is an overview there, and the SVG stays the exact picture.
"""

from __future__ import annotations

import math

MAX_PIXELS = 40_000_000
"""About 160 MB of canvas; the worst case stays within a laptop's memory and a few seconds."""
MAX_SIDE = 32_000
"""Below the 32,767-pixel side that many image viewers and libraries refuse."""


def zoom_for(width: float, height: float) -> float:
    """1.0, or the largest scale that fits the picture within MAX_PIXELS and MAX_SIDE."""
    area, side = width * height, max(width, height)
    if area <= MAX_PIXELS and side <= MAX_SIDE:
        return 1.0
    return min(math.sqrt(MAX_PIXELS / area), MAX_SIDE / side)


def svg_to_png(svg: str, width: float, height: float) -> bytes:
    """The SVG (whose size is `width` x `height`) as PNG bytes."""
    import resvg_py

    zoom = zoom_for(width, height)
    scaled = None if zoom == 1.0 else zoom  # None: resvg's own default, the picture's size
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="white", zoom=scaled))
