"""Without an SMTP server or an SMS gateway, messages go to the log: never their text in production."""
import logging

from bonsclics import mail, sms


def test_message_texts_stay_out_of_the_production_log(app, caplog):
    secret = "Awa, votre code : K7P2QX https://exemple.test/account/reset/token-123"
    with app.app_context():
        app.testing = False
        try:
            with caplog.at_level(logging.INFO):
                assert sms._send_log("+33612345678", secret)
                assert mail.send_mail("awa@example.org", "Votre lien", secret)
        finally:
            app.testing = True
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "characters not logged" in logged and "+33612345678" not in logged
    assert "K7P2QX" not in logged and "token-123" not in logged and "awa@example.org" not in logged


def test_while_developing_the_text_is_logged(app, caplog):
    with app.app_context(), caplog.at_level(logging.INFO):
        sms._send_log("+33612345678", "Atelier demain à 14 h")
    assert "Atelier demain à 14 h" in "\n".join(record.getMessage() for record in caplog.records)
