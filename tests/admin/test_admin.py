"""Administration: networks, roles, disabling accounts, the audit journal — admins only."""
import pytest

from bonsclics.models.accounts import LoginSession, Network, User
from bonsclics.models.system import AuditLog


@pytest.mark.parametrize("role", ["coordinator", "manager", "pro", "volunteer"])
def test_only_admins(login, role):
    client = login(role)
    for path in ("/admin/", "/admin/networks", "/admin/accounts", "/admin/audit"):
        assert client.get(path).status_code == 403
    assert client.post("/admin/networks", data={"name": "x", "slug": "x", "departements": "59"}).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get("/admin/").status_code == 302


def test_create_network_with_validation(login):
    client = login("admin")
    bad = client.post("/admin/networks", data={"name": "", "slug": "Pas Bon", "departements": "59, 99, ZZ"})
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert "Donnez un nom au réseau." in html and "99, ZZ" in html and 'value="Pas Bon"' in html
    ok = client.post("/admin/networks", data={"name": "Réseau Somme", "slug": "somme", "departements": "80 2a"})
    assert ok.status_code == 303
    network = Network.get(Network.slug == "somme")
    assert network.departements == "80|2A"
    duplicate = client.post("/admin/networks", data={"name": "Autre", "slug": "somme", "departements": "80"})
    assert duplicate.status_code == 400 and Network.select().where(Network.slug == "somme").count() == 1


def test_make_someone_coordinator(login, world):
    client = login("admin")
    pro = world["pro"]
    response = client.post(f"/admin/accounts/{pro.id}/role",
                           data={f"u{pro.id}-role": "coordinator", f"u{pro.id}-network": str(world["network"].id)})
    assert response.status_code == 303
    pro = User.get_by_id(pro.id)
    assert pro.role == "coordinator" and pro.network_id == world["network"].id
    assert AuditLog.select().where(AuditLog.action == "role-changed", AuditLog.object_id == str(pro.id)).exists()


def test_coordinator_needs_a_network(login, world):
    client = login("admin")
    pro = world["pro"]
    client.post(f"/admin/accounts/{pro.id}/role", data={f"u{pro.id}-role": "coordinator", f"u{pro.id}-network": ""})
    assert User.get_by_id(pro.id).role == "member"


def test_disabling_an_account_ends_its_sessions(app, login, world):
    victim = login("pro")
    assert victim.get("/account/").status_code == 200
    admin = login("admin")
    assert admin.post(f"/admin/accounts/{world['pro'].id}/active", data={"active": "0"}).status_code == 303
    assert LoginSession.select().where(LoginSession.user == world["pro"]).count() == 0
    assert victim.get("/account/").status_code == 302
    assert not User.get_by_id(world["pro"].id).is_active


def test_an_admin_signs_one_account_out_everywhere_without_disabling_it(login, world):
    phone, computer = login("pro"), login("pro")
    admin = login("admin")
    assert admin.post(f"/admin/accounts/{world['pro'].id}/sessions/end").status_code == 303
    assert phone.get("/account/").status_code == 302 and computer.get("/account/").status_code == 302
    assert User.get_by_id(world["pro"].id).is_active
    assert AuditLog.get(AuditLog.action == "sessions-ended-by-admin").object_id == str(world["pro"].id)
    admin.post(f"/admin/accounts/{world['admin'].id}/sessions/end")  # their own: other devices only
    assert admin.get("/admin/").status_code == 200


def test_an_admin_signs_everyone_out_but_themself(login, world):
    others = [login("pro"), login("coordinator"), login("volunteer")]
    admin = login("admin")
    page = admin.get("/admin/").get_data(as_text=True)
    assert 'action="/admin/sessions/end"' in page
    assert admin.post("/admin/sessions/end").status_code == 303
    assert [client.get("/account/").status_code for client in others] == [302, 302, 302]
    assert admin.get("/admin/").status_code == 200
    assert LoginSession.select().count() == 1
    assert login("pro").post("/admin/sessions/end").status_code == 403


def test_admin_cannot_disable_themself(login, world):
    admin = login("admin")
    admin.post(f"/admin/accounts/{world['admin'].id}/active", data={"active": "0"})
    assert User.get_by_id(world["admin"].id).is_active


def test_audit_page_lists_entries(login, world):
    client = login("admin")
    client.post(f"/admin/accounts/{world['pro'].id}/active", data={"active": "0"})
    html = client.get("/admin/audit").get_data(as_text=True)
    assert "account-disabled" in html


def test_unknown_account_is_404(login):
    assert login("admin").post("/admin/accounts/99999/active", data={"active": "0"}).status_code == 404


def _with_second_factor(user):
    """Give `user` a second factor and two recovery codes, as if set up from "Mon compte"."""
    from bonsclics.accounts import totp
    from bonsclics.models.accounts import RecoveryCode, hash_token

    User.update(totp_secret=totp.new_secret()).where(User.id == user.id).execute()
    for code in totp.new_recovery_codes()[:2]:
        RecoveryCode.create(user=user, code_hash=hash_token(totp.normalise_recovery_code(code)))


def test_an_admin_removes_a_lost_second_factor_after_checking_identity(app, login, world):
    from bonsclics.models.accounts import RecoveryCode

    pro = world["pro"]
    _with_second_factor(pro)
    phone = login("pro")
    admin = login("admin")
    listing = admin.get(f"/admin/accounts?q={pro.email}").get_data(as_text=True)
    assert f"/admin/accounts/{pro.id}/second-factor" in listing
    page = admin.get(f"/admin/accounts/{pro.id}/second-factor").get_data(as_text=True)
    assert 'type="radio"' in page and "pièce d'identité" in page
    refused = admin.post(f"/admin/accounts/{pro.id}/second-factor", data={"identity_check": "a text message"})
    assert refused.status_code == 400 and "error-summary" in refused.get_data(as_text=True)
    missing = admin.post(f"/admin/accounts/{pro.id}/second-factor", data={})
    assert "Choisissez comment vous avez vérifié son identité." in missing.get_data(as_text=True)
    assert User.get_by_id(pro.id).has_second_factor  # nothing changed on a refused form
    done = admin.post(f"/admin/accounts/{pro.id}/second-factor", data={"identity_check": "in-person"})
    assert done.status_code == 303
    assert not User.get_by_id(pro.id).has_second_factor
    assert RecoveryCode.select().where(RecoveryCode.user == pro).count() == 0
    assert phone.get("/account/").status_code == 302  # every session of the account ended
    entry = AuditLog.get(AuditLog.action == "second-factor-removed-by-admin")
    assert (entry.object_id, entry.detail, entry.actor_id) == (str(pro.id), "in-person", world["admin"].id)
    told = app.extensions["outbox"][-1]
    assert told["To"] == pro.email and "Si vous n'avez rien demandé" in told.get_content()


def test_only_admins_remove_a_second_factor_and_never_their_own(login, world):
    _with_second_factor(world["pro"])
    _with_second_factor(world["admin"])
    for role in ("coordinator", "manager", "volunteer"):
        response = login(role).post(f"/admin/accounts/{world['pro'].id}/second-factor", data={"identity_check": "in-person"})
        assert response.status_code == 403
    admin = login("admin")
    own = admin.post(f"/admin/accounts/{world['admin'].id}/second-factor", data={"identity_check": "in-person"})
    assert own.status_code == 403 and User.get_by_id(world["admin"].id).has_second_factor
    assert User.get_by_id(world["pro"].id).has_second_factor
    none = admin.get(f"/admin/accounts/{world['coordinator'].id}/second-factor")
    assert none.status_code == 303  # nothing to remove
    assert admin.get("/admin/accounts/99999/second-factor").status_code == 404


def test_administrators_are_told_when_the_secret_key_is_a_year_old(app, login, world):
    import datetime

    from bonsclics.models.system import SigningKey

    def first_seen_days_ago(days):
        SigningKey.update(first_seen=datetime.datetime.utcnow() - datetime.timedelta(days=days)).execute()

    client = login("admin")
    assert "À faire pour la sécurité" not in client.get("/admin/").get_data(as_text=True)
    stored = SigningKey.get()  # recorded at first sight, by its fingerprint only
    assert app.config["SECRET_KEY"][:8] not in stored.fingerprint and len(stored.fingerprint) == 32
    first_seen_days_ago(364)
    assert "À faire pour la sécurité" not in client.get("/admin/").get_data(as_text=True)
    first_seen_days_ago(366)
    assert "La clé secrète sert depuis plus de 365 jours" in client.get("/admin/").get_data(as_text=True)
    result = app.test_cli_runner().invoke(args=["purge"])  # the daily cron line: cron mails this
    assert "La clé secrète sert depuis plus de 365 jours" in result.output
    # The key is replaced, the former one kept as a fallback: a new year starts, then the fallback must go.
    old_key = app.config["SECRET_KEY"]
    app.config.update(SECRET_KEY="a-replacement-key-of-more-than-32-characters", SECRET_KEY_FALLBACKS=[old_key])
    client = login("admin")
    assert "À faire pour la sécurité" not in client.get("/admin/").get_data(as_text=True)
    assert SigningKey.select().count() == 2
    SigningKey.update(first_seen=datetime.datetime.utcnow() - datetime.timedelta(days=181)).where(
        SigningKey.fingerprint != stored.fingerprint).execute()
    page = client.get("/admin/").get_data(as_text=True)
    assert "retirez-les" in page and "La clé secrète sert depuis" not in page


def test_administrators_are_told_when_attachments_are_not_scanned_in_production(app, login, world):
    client = login("admin")
    assert "antivirus" not in client.get("/admin/").get_data(as_text=True)  # a development set-up
    app.config["ENV_PRODUCTION"] = True
    assert "ne passent pas par un antivirus" in client.get("/admin/").get_data(as_text=True)
    app.config["CLAMD_ADDRESS"] = "/run/clamav/clamd.ctl"
    assert "antivirus" not in client.get("/admin/").get_data(as_text=True)
