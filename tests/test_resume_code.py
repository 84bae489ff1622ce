"""The resume code: kept on the device, typed on another, forgotten on a shared one."""
from bonsclics.models.learners import CODE_ALPHABET, ResumeCode, format_code, new_code, normalise_code


def test_codes_use_only_unambiguous_characters():
    for _ in range(200):
        code = new_code()
        assert len(code) == 8 and set(code) <= set(CODE_ALPHABET)
    assert not set("01OILS58B") & set(CODE_ALPHABET)
    assert len(CODE_ALPHABET) ** 8 > 2 ** 37


def test_typed_codes_are_read_tolerantly():
    assert normalise_code(" k7qm-3txp ") == "K7QM3TXP"
    assert format_code("K7QM3TXP") == "K7QM-3TXP"


def test_a_code_brings_progress_back_on_another_browser(app, client):
    with app.app_context():
        code = ResumeCode.issue()
    other = app.test_client()
    response = other.post("/code", data={"code": code.pretty.lower()})
    assert response.status_code == 303
    page = other.get("/code").get_data(as_text=True)
    assert code.pretty in page


def test_unknown_code_is_explained_and_kept(client):
    response = client.post("/code", data={"code": "AAAA-AAAA"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Ce code est inconnu" in html and 'value="AAAA-AAAA"' in html


def test_empty_code_gives_a_message(client):
    response = client.post("/code", data={"code": ""})
    assert response.status_code == 400 and "Écrivez votre code" in response.get_data(as_text=True)


def test_guessing_is_throttled(client):
    statuses = [client.post("/code", data={"code": f"AAAA-AA{i:02d}"}).status_code for i in range(21)]
    assert statuses[:20] == [404] * 20
    assert statuses[20] == 429


def test_forget_removes_the_code_from_this_device(app, client):
    with app.app_context():
        code = ResumeCode.issue()
    client.post("/code", data={"code": code.code})
    assert code.pretty in client.get("/code").get_data(as_text=True)
    client.post("/code/forget")
    assert code.pretty not in client.get("/code").get_data(as_text=True)


def test_a_forged_cookie_is_ignored(app, client):
    with app.app_context():
        code = ResumeCode.issue()
    client.set_cookie("bc_resume", code.code)  # unsigned
    assert code.pretty not in client.get("/code").get_data(as_text=True)
