"""A third-party lint plugin used by the tests: registered through an entry point like any other."""
