"""The smallest Flask app, to measure the framework's own ceiling under the same gunicorn settings."""
from flask import Flask


def create_app():
    """One route returning a short HTML page."""
    app = Flask(__name__)

    @app.get("/")
    def hello():
        return "<!doctype html><title>hello</title><h1>hello</h1>"

    return app
