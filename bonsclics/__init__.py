"""bonsclics: a free, self-hostable web platform for digital inclusion."""
import os

from flask import Flask

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# One blueprint per area; each package has a `views.py` exposing `bp`.
BLUEPRINTS = (
    "pages",
    "accounts",
    "diagnostic",
    "learning",
    "practice",
    "places",
    "agenda",
    "orientation",
    "pro",
    "reports",
    "admin",
    "listen",
)


def create_app(test_config=None):
    """Build the application: configuration, database, extensions, blueprints, errors, commands."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("FLASK_INSTANCE_PATH") or os.path.join(PROJECT_ROOT, "instance"),
        template_folder=os.path.join(PROJECT_ROOT, "templates"),
        static_folder=os.path.join(PROJECT_ROOT, "static"),
    )
    from . import config

    config.load(app, test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import assets, cli, db, errors, htmx, i18n, logs, security
    from .accounts import auth
    from .extensions import babel, csrf

    assets.init_app(app)
    logs.init_app(app)
    db.init_app(app)
    security.init_app(app)
    htmx.init_app(app)
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=os.path.join(PROJECT_ROOT, "translations"),
    )
    auth.init_app(app)
    app.context_processor(i18n.template_context)
    app.after_request(i18n.add_content_language)
    from . import exercises, ui

    ui.init_app(app)
    exercises.init_app(app)

    import importlib

    for name in BLUEPRINTS:
        module = importlib.import_module(f".{name}.views", __name__)
        app.register_blueprint(module.bp)

    errors.init_app(app)
    cli.init_app(app)
    return app
