"""serve stage: the REST API and the offline dashboard over one knowledge base."""

from accordia.serve.app import create_app

__all__ = ["create_app"]
