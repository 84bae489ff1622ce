"""Outgoing email: through SMTP when configured, otherwise written to the log."""
import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app


def mask_address(address):
    """An address with its local part hidden, for logs ("j***@example.org")."""
    local, _, domain = (address or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def send_mail(to, subject, body):
    """Send a plain-text message; returns True when it was handed over."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    if current_app.testing:
        current_app.extensions.setdefault("outbox", []).append(message)
        return True
    server = current_app.config["MAIL_SERVER"]
    if not server:
        # Messages carry first names and single-use links: their text is logged only while developing.
        shown = body if current_app.debug or current_app.testing else f"[{len(body)} characters not logged]"
        current_app.logger.info(
            "mail (no SMTP server configured) to %s: %s\n%s", mask_address(to), subject, shown, extra={"event": "mail"}
        )
        return True
    try:
        with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=20) as smtp:
            if current_app.config["MAIL_USE_TLS"]:
                smtp.starttls(context=ssl.create_default_context())  # checks the server certificate
            if current_app.config["MAIL_USERNAME"]:
                smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return True
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("mail to %s failed", mask_address(to), extra={"event": "mail"})
        return False
