"""A known dataset for the reports: figures on both sides of the small-count threshold (5).

Period asked in the tests: 2026-01-01 to 2026-06-14 (the clock says 2026-06-15).
Network "test" (structures A in 59 and B in 62) and the other network (C in 80).
"""
import datetime

import pytest

from report_period import NOW


def _at(month, day, hour=10):
    return datetime.datetime(2026, month, day, hour, 0)


@pytest.fixture
def dataset(app, world):
    """Diagnostics, help given, workshops, orientations, lessons, practice and impact answers."""
    from bonsclics.models.agenda import Booking, Event
    from bonsclics.models.diagnostic import DiagnosticResult, count_finished
    from bonsclics.models.learners import Learner, ResumeCode
    from bonsclics.models.learning import LessonProgress
    from bonsclics.models.orientation import Orientation
    from bonsclics.models.places import Place
    from bonsclics.models.practice import PracticeProgress
    from bonsclics.models.pro import Activity, ActivityTheme
    from bonsclics.models.reports import ImpactAnswer

    app.config["NOW"] = NOW
    a, b, c = world["structure_a"], world["structure_b"], world["structure_c"]
    with app.app_context():
        def diagnostic(structure, profile, departement, when=_at(3, 2)):
            code = ResumeCode.issue()
            count_finished(DiagnosticResult.create(
                resume_code=code, structure=structure, bank_version=1, profile=profile, departement=departement,
                finished_at=when, level_device=1, level_internet=2, level_email=0, level_security=3, level_services=1))

        for _ in range(6):
            diagnostic(a, "assistance", "59")
        diagnostic(a, "mediation", "59")
        diagnostic(a, "assistance", "59", when=datetime.datetime(2024, 3, 1))  # before the period
        for _ in range(3):
            diagnostic(None, "nudge", "59")  # alone at home, in the network's area
        diagnostic(None, "nudge", "75")  # elsewhere: no network
        for _ in range(2):
            diagnostic(b, "mediation", "62")
        for _ in range(9):
            diagnostic(c, "assistance", "80")

        def activity(structure, autonomy, themes, when=datetime.date(2026, 4, 7)):
            row = Activity.create(structure=structure, date=when, duration_minutes=30, mode="individual",
                                  place_type="onsite", themes="|".join(themes), autonomy=autonomy)
            for theme in themes:
                ActivityTheme.create(activity=row, theme=theme, structure=structure, date=when)

        for _ in range(5):
            activity(a, "with", ["services", "caf"])
        for _ in range(3):
            activity(a, "alone", ["services"])
        activity(b, "for", ["email"])
        for _ in range(20):
            activity(c, "alone", ["device"])

        place = Place.create(source_id="test-a", nom="Centre social A", commune="Lille", code_postal="59000", departement="59", structure=a, adresse="1 rue A", date_maj=datetime.date(2026, 1, 1), network=world["network"])
        Place.create(source_id="test-c", nom="Lieu C", commune="Amiens", code_postal="80000", departement="80", structure=c, adresse="1 rue C", date_maj=datetime.date(2026, 1, 1), network=world["other_network"])
        for day in (3, 10):
            event = Event.create(place=place, structure=a, kind="workshop", title="Atelier", seats=10,
                                 starts_at=_at(2, day, 9), ends_at=_at(2, day, 11))
            for number in range(4):
                Booking.create(event=event, code=f"B{day}{number}", first_name="X", status="confirmed",
                               attendance="absent" if number == 0 else "present")
        Event.create(place=place, structure=a, kind="workshop", title="Plus tard", seats=10,
                     starts_at=_at(7, 1), ends_at=_at(7, 1, 12))  # not held yet

        for hours in (10, 20, 30, 40, 50):
            Orientation.create(sender_structure=a, receiving_structure=b, status="done", created_at=_at(3, 1),
                               first_answer_at=_at(3, 1) + datetime.timedelta(hours=hours))
        Orientation.create(sender_structure=a, receiving_structure=b, status="sent", created_at=_at(3, 1))

        for number in range(5):
            learner = Learner.create(structure=a, pseudonym=f"P{number}", consent_at=_at(1, 10), created_at=_at(1, 10),
                                     last_activity_at=_at(5, 1))
            code = ResumeCode.issue()
            code.learner = learner
            code.save()
            LessonProgress.create(resume_code=code, lesson_id="internet-forms", started_at=_at(2, 1),
                                  completed_at=_at(2, 2), attempts=10, failures=2)
            PracticeProgress.create(resume_code=code, path_id="caf-declaration", path_version=1, step_reached=9,
                                    started_at=_at(2, 3), completed_at=_at(2, 4))
        for answer in ("alone", "alone", "alone", "alone", "with-help", "not-yet"):
            ImpactAnswer.create(structure=a, departement="59", service="practice:caf-declaration", answer=answer,
                                answered_at=_at(4, 1))
        for _ in range(10):
            ImpactAnswer.create(structure=c, departement="80", service="practice:caf-declaration", answer="not-yet",
                                answered_at=_at(4, 1))
    return world
