"""Helpers shared by the test modules: example answers, PDF text, the built site, hostile
files and form checks."""
