"""The built-in rules, one module each, registered in pyproject.toml's `journeymap.rules`."""
