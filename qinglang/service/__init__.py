"""The HTTP door (FastAPI): moderation API, review workflow API and the reviewer console (STYLE §5.8)."""
