"""journeymap: customer journey maps and service blueprints as code."""

__version__ = "0.1.0"
