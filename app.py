"""Entry point for `flask --app app` and `gunicorn 'app:create_app()'`."""
from bonsclics import create_app

__all__ = ["create_app"]
