"""Render stage: laid-out scenes and documents to SVG, HTML and PNG."""
