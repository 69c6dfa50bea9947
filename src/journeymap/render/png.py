"""PNG through resvg (a Rust rasteriser shipped as a wheel): no browser, no system library."""

from __future__ import annotations


def svg_to_png(svg: str) -> bytes:
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="white"))
