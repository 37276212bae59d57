"""Accordia: an evidence-linked model of a multilateral negotiation, built from news reporting."""

from accordia.facts import Article, ArticleFacts, Evidence, Snapshot

__version__ = "0.1.0"
__all__ = ["Article", "ArticleFacts", "Evidence", "Snapshot", "__version__", "open"]


def open(target: str | None = None):  # noqa: A001 - mirrors the built-in on purpose: accordia.open(db)
    """Open (or create) a knowledge base: a SQLite path, a PostgreSQL URL, or the default store."""
    from accordia.api import Accordia

    return Accordia.open(target)
