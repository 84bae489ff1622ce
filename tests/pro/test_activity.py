"""Activity log: the quick form, the list, CSV export and the all-or-nothing import."""
import datetime
import io

import pytest
from helpers import page_text

from bonsclics.models.pro import Activity, ActivityTheme


def _form(world, **changes):
    data = {"act-structure": str(world["structure_a"].id), "act-date": datetime.date.today().isoformat(),
            "act-duration": "20", "act-mode": "individual", "act-place_type": "onsite",
            "act-themes": ["caf", "email"], "act-autonomy": "with", "act-sent_to": "workshop"}
    data.update(changes)
    return data


def test_record_a_help_in_one_short_form(login, world):
    client = login("volunteer")
    page = page_text(client.get("/pro/activity"))
    assert f'value="{datetime.date.today().isoformat()}"' in page and 'type="date"' in page
    assert client.post("/pro/activity", data=_form(world)).status_code == 303
    activity = Activity.get()
    assert (activity.duration_minutes, activity.mode, activity.place_type, activity.autonomy, activity.sent_to) == (
        20, "individual", "onsite", "with", "workshop")
    assert activity.themes == "caf|email" and activity.recorded_by_id == world["volunteer"].id
    assert sorted(t.theme for t in ActivityTheme.select()) == ["caf", "email"]
    listing = page_text(client.get("/pro/activity"))
    assert "20 min" in listing and "fait avec elle" in listing


def test_a_french_date_is_accepted(login, world):
    today = datetime.date.today()
    assert login("pro").post("/pro/activity", data=_form(world, **{"act-date": today.strftime("%d/%m/%Y")})).status_code == 303
    assert Activity.get().date == today


@pytest.mark.parametrize("changes, message", [
    ({"act-date": ""}, "Indiquez la date"),
    ({"act-date": "31/02/2025"}, "Écrivez une date réelle"),
    ({"act-date": "2999-01-01"}, "futur"),
    ({"act-duration": "7"}, "Choisissez une réponse de la liste"),
    ({"act-mode": "solo"}, "Choisissez une réponse de la liste"),
    ({"act-themes": []}, "Choisissez au moins un thème"),
    ({"act-themes": ["cuisine"]}, "Choisissez une réponse de la liste"),
    ({"act-autonomy": ""}, "Choisissez comment la personne a fait"),
    ({"act-structure": "999"}, "Choisissez une réponse de la liste"),
])
def test_activity_form_errors(login, world, changes, message):
    response = login("pro").post("/pro/activity", data=_form(world, **changes))
    assert response.status_code == 400 and message in page_text(response)
    assert Activity.select().count() == 0


def test_no_recording_for_other_structures(login, world):
    assert login("pro").post("/pro/activity", data=_form(world, **{"act-structure": str(world["structure_b"].id)})).status_code == 400
    assert login("coordinator").post("/pro/activity", data=_form(world)).status_code == 403
    assert Activity.select().count() == 0


def test_csv_round_trip(login, world):
    client = login("pro")
    client.post("/pro/activity", data=_form(world))
    client.post("/pro/activity", data=_form(world, **{"act-mode": "group", "act-themes": ["device"], "act-sent_to": "none"}))
    exported = client.get(f"/pro/activity/export.csv?structure={world['structure_a'].id}")
    assert exported.mimetype == "text/csv" and "attachment" in exported.headers["Content-Disposition"]
    text = exported.get_data(as_text=True)
    assert text.splitlines()[0] == "date,duration_minutes,mode,place_type,themes,autonomy,sent_to"
    before = [(a.date, a.duration_minutes, a.mode, a.themes, a.sent_to) for a in Activity.select().order_by(Activity.id)]
    imported = client.post("/pro/activity/import", data={
        "imp-structure": str(world["structure_a"].id), "imp-file": (io.BytesIO(text.encode()), "activite.csv")},
        content_type="multipart/form-data")
    assert imported.status_code == 303
    after = [(a.date, a.duration_minutes, a.mode, a.themes, a.sent_to) for a in Activity.select().order_by(Activity.id)]
    assert after == before + before
    assert ActivityTheme.select().count() == 6


def test_import_is_all_or_nothing_with_a_report(login, world):
    rows = ("date;duration_minutes;mode;place_type;themes;autonomy;sent_to\n"
            "14/03/2024;30;individual;onsite;caf;with;none\n"
            "2024-13-01;30;individual;onsite;caf;with;none\n"
            "2024-03-14;abc;solo;onsite;cuisine;with;nowhere\n")
    response = login("pro").post("/pro/activity/import", data={
        "imp-structure": str(world["structure_a"].id), "imp-file": (io.BytesIO(rows.encode()), "a.csv")},
        content_type="multipart/form-data")
    page = page_text(response)
    assert response.status_code == 400 and "Rien n'a été importé" in page
    assert "Ligne 3 :" in page and "2024-13-01" in page and "Ligne 4 :" in page and "cuisine" in page and "nowhere" in page
    assert "Ligne 2" not in page
    assert Activity.select().count() == 0


@pytest.mark.parametrize("content, message", [
    (b"", "Choisissez un fichier CSV"),
    (b"\xff\xfe\x00x", "UTF-8"),
    (b"nom,prenom\nA,B\n", "Colonnes manquantes"),
    (b"date,duration_minutes,mode,place_type,themes,autonomy\n", "aucune ligne"),
])
def test_import_refuses_bad_files(login, world, content, message):
    response = login("pro").post("/pro/activity/import", data={
        "imp-structure": str(world["structure_a"].id), "imp-file": (io.BytesIO(content), "a.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400 and message in page_text(response)
    assert Activity.select().count() == 0


def test_export_of_another_structure_is_not_found(login, world):
    assert login("pro").get(f"/pro/activity/export.csv?structure={world['structure_c'].id}").status_code == 404
    assert login("pro_b").get(f"/pro/activity/export.csv?structure={world['structure_a'].id}").status_code == 404
    assert login("coordinator").get(f"/pro/activity/export.csv?structure={world['structure_a'].id}").status_code == 200
