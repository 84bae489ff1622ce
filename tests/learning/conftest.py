"""Fixtures of the learning tests: finished lessons straight in the database, the code of a browser."""
import pytest

from bonsclics.learning import catalogue


@pytest.fixture
def lesson_done(app):
    """mark(code, lesson_id): a finished lesson for a resume code, straight in the database."""
    from bonsclics.db import utcnow
    from bonsclics.models.learning import LessonProgress

    def mark(code, lesson_id):
        lesson = catalogue.lesson(lesson_id)
        with app.app_context():
            return LessonProgress.create(resume_code=code, lesson_id=lesson_id, lesson_version=lesson["version"],
                                         current_step=catalogue.step_count(lesson), completed_at=utcnow())

    return mark


@pytest.fixture
def code_of(app):
    """code_of(client): the ResumeCode remembered in a test client's cookie, or None."""
    from bonsclics.models.learners import ResumeCode
    from bonsclics.security import signer

    def read(client):
        cookie = client.get_cookie("bc_resume")
        if cookie is None:
            return None
        with app.app_context():
            return ResumeCode.get(ResumeCode.code == signer("resume-code").loads(cookie.value))

    return read
