"""Accordia: an evidence-linked model of a multilateral negotiation, built from news reporting."""

from accordia.facts import Article, ArticleFacts, Evidence, Snapshot

__version__ = "0.1.0"
__all__ = ["Article", "ArticleFacts", "Evidence", "Snapshot", "__version__", "open"]


def open(target: str | None = None, *, create: bool = True):  # noqa: A001 - mirrors the built-in: accordia.open(db)
    """Open (or create) a knowledge base: a SQLite path, a PostgreSQL URL, or the default store.

    ``create=False`` only reads: the store must exist already, and opening it changes nothing.
    """
    from accordia.api import Accordia

    return Accordia.open(target, create=create)
