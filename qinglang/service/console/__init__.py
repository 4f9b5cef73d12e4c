"""Reviewer console: server-rendered pages (Jinja2) on the same app and the same API keys."""
