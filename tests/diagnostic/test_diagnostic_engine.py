"""The adaptive engine and the scoring: rules on examples, then properties over every kind of person."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bonsclics.diagnostic import logic
from bonsclics.diagnostic.bank import load_bank

BANK = load_bank()
TASK_IDS = sorted(i["id"] for i in BANK.items.values() if i["part"] == "task")
SITUATION = {"equipment": ["smartphone"], "internet-access": ["home"], "email-address": "yes",
             "needs": ["caf"], "language": "reads-easily", "autonomy": "with-help"}


def person(self_answers, correct_ids=frozenset(), situation=None, helped_ids=frozenset()):
    """A respond() function: fixed self answers per competence, tasks right when their id is in `correct_ids`."""
    situation = situation or SITUATION

    def respond(screen):
        if screen.part == "situation":
            return situation[screen.id], None, False
        competence = screen.question["competence"]
        if screen.part == "self":
            answer = self_answers[competence] if isinstance(self_answers, dict) else self_answers
            return answer, None, False
        return "", screen.id in correct_ids, screen.id in helped_ids

    return respond


def tasks_of(answers, competence):
    """The (difficulty, correct) of the tasks asked about a competence."""
    return [(BANK.items[a["id"]]["difficulty"], a["correct"]) for a in answers
            if BANK.items[a["id"]]["part"] == "task" and BANK.items[a["id"]]["competence"] == competence]


def test_failing_a_basic_task_skips_the_harder_ones():
    situation, answers = logic.play(BANK, person("no"))
    for competence in logic.COMPETENCES:
        assert tasks_of(answers, competence) == [(1, False)]
    assert logic.score(BANK, situation, answers).levels == dict.fromkeys(logic.COMPETENCES, 0)


def test_passing_an_advanced_task_credits_the_easier_ones():
    _situation, answers = logic.play(BANK, person("alone", set(TASK_IDS)))
    for competence in logic.COMPETENCES:
        assert tasks_of(answers, competence) == [(2, True), (3, True)]  # no basic task asked
    assert logic.levels_of(BANK, answers) == dict.fromkeys(logic.COMPETENCES, 3)


def test_not_knowing_what_it_is_asks_no_task():
    situation, answers = logic.play(BANK, person("dont-know"))
    assert [a for a in answers if BANK.items[a["id"]]["part"] == "task"] == []
    assert logic.score(BANK, situation, answers) == (dict.fromkeys(logic.COMPETENCES, 0), "assistance")
    assert len(situation) + len(answers) == 11


def test_failing_the_middle_task_asks_the_basic_one():
    basic = {i for i in TASK_IDS if BANK.items[i]["difficulty"] == 1}
    _situation, answers = logic.play(BANK, person("with-help", basic))
    for competence in logic.COMPETENCES:
        assert tasks_of(answers, competence) == [(2, False), (1, True)]
    assert logic.levels_of(BANK, answers) == dict.fromkeys(logic.COMPETENCES, 1)


def test_a_task_answered_with_help_counts_as_not_yet():
    everything = set(TASK_IDS)
    _s, alone = logic.play(BANK, person("alone", everything))
    _s, helped = logic.play(BANK, person("alone", everything, helped_ids=everything))
    assert logic.levels_of(BANK, alone)["device"] == 3
    assert logic.levels_of(BANK, helped)["device"] == 0
    assert all(a["helped"] for a in helped if BANK.items[a["id"]]["part"] == "task")


def test_the_longest_diagnostic_fits_the_limit():
    situation, answers = logic.play(BANK, person("alone", set(TASK_IDS)))
    assert len(situation) + len(answers) == 6 + 5 + 10 <= logic.MAX_SCREENS


def test_mouse_tasks_are_not_asked_to_someone_without_a_computer():
    for variant in range(12):
        _s, answers = logic.play(BANK, person("alone"), variant)
        assert not [a for a in answers if BANK.items[a["id"]]["pictogram"] == "mouse"]


def test_variants_use_more_of_the_bank():
    asked = set()
    for variant in range(12):
        _s, answers = logic.play(BANK, person("with-help", set(TASK_IDS[::2])), variant)
        asked |= {a["id"] for a in answers}
    assert len(asked) >= 30


def test_undo_forgets_the_last_answer_then_the_situation():
    situation, answers = logic.play(BANK, person("alone"))
    back_situation, back_answers = logic.undo(BANK, situation, answers)
    assert back_answers == answers[:-1] and back_situation == situation
    empty_situation, _ = logic.undo(BANK, {"equipment": ["tablet"], "internet-access": ["home"]}, [])
    assert empty_situation == {"equipment": ["tablet"]}
    assert logic.undo(BANK, {}, []) == ({}, [])


@pytest.mark.parametrize("values, expected", [
    ([], (None, logic.EMPTY)),
    (["", ""], (None, logic.EMPTY)),
    (["phone-box"], (None, logic.INVALID)),
    (["none", "computer"], (None, logic.EXCLUSIVE)),
    (["tablet", "smartphone", "tablet"], (["smartphone", "tablet"], "")),
    (["none"], (["none"], "")),
])
def test_reading_a_choose_many_answer(values, expected):
    assert logic.read_situation(BANK.situation_question("equipment"), values) == expected


def test_reading_a_single_choice_and_a_self_assessment():
    question = BANK.situation_question("autonomy")
    assert logic.read_situation(question, ["alone"]) == ("alone", "")
    assert logic.read_situation(question, ["alone", "with-help"]) == (None, logic.INVALID)
    assert logic.read_self("with-help") == ("with-help", "")
    assert logic.read_self("") == (None, logic.EMPTY)
    assert logic.read_self("maybe") == (None, logic.INVALID)


@pytest.mark.parametrize("levels, autonomy, expected", [
    ((0, 0, 0, 0, 0), "alone", "assistance"),
    ((1, 1, 1, 1, 0), "alone", "assistance"),
    ((0, 3, 2, 1, 1), "alone", "assistance"),  # cannot use a device yet
    ((2, 2, 1, 1, 1), "done-for-me", "assistance"),
    ((2, 2, 1, 1, 1), "with-help", "mediation"),
    ((3, 3, 3, 3, 1), "alone", "mediation"),
    ((2, 2, 2, 2, 3), "alone", "nudge"),
    ((3, 3, 3, 3, 3), "done-for-me", "nudge"),
])
def test_profiles(levels, autonomy, expected):
    assert logic.profile_of(dict(zip(logic.COMPETENCES, levels)), {"autonomy": autonomy}) == expected


def test_recommended_lessons_start_with_the_weakest_competence():
    from bonsclics.learning.catalogue import learner_lessons, lesson

    levels = {"device": 3, "internet": 3, "email": 3, "security": 0, "services": 2}
    ids = logic.recommended_lessons(levels, learner_lessons())
    assert 3 <= len(ids) <= 6 and len(set(ids)) == len(ids)
    assert [lesson(i)["competence"] for i in ids[:2]] == ["security", "security"]
    assert lesson(ids[0])["level"] == "beginner"
    for every in range(4):
        found = logic.recommended_lessons(dict.fromkeys(logic.COMPETENCES, every), learner_lessons())
        assert 3 <= len(found) <= 6 and all(lesson(i) for i in found)


@pytest.mark.parametrize("points, outcome", [(0, "full-diagnostic"), (3, "full-diagnostic"), (4, "workshop"),
                                             (7, "workshop"), (8, "assistance"), (10, "assistance")])
def test_screening_outcome_by_total(points, outcome):
    from bonsclics.diagnostic.bank import screening

    content = screening()
    chosen, left = {}, points
    for question in content["questions"]:
        by_points = {o["points"]: o["id"] for o in question["options"]}
        take = min(2, left)
        chosen[question["id"]] = by_points[take]
        left -= take
    found, total, errors = logic.screening_outcome(content, chosen)
    assert (found["id"], total, errors) == (outcome, points, {})


def test_screening_reports_each_missing_or_unknown_answer():
    from bonsclics.diagnostic.bank import screening

    found, _total, errors = logic.screening_outcome(screening(), {"email": "nope"})
    assert found is None and errors["email"] == logic.INVALID and errors["reading"] == logic.EMPTY
    assert len(errors) == 5


# --- Properties -----------------------------------------------------------------------------

SELF_GRADES = st.sampled_from(range(len(logic.SELF_ANSWERS)))
SITUATIONS = st.fixed_dictionaries({
    "equipment": st.sampled_from([["smartphone"], ["computer"], ["smartphone", "computer"], ["none"], ["tablet"]]),
    "internet-access": st.sampled_from([["home"], ["mobile-data"], ["none"]]),
    "email-address": st.sampled_from(["yes", "no", "dont-know"]),
    "needs": st.sampled_from([["caf"], ["family", "jobs"], ["taxes"]]),
    "language": st.sampled_from(["reads-easily", "reads-a-little", "prefers-other-or-listening"]),
    "autonomy": st.sampled_from(["alone", "with-help", "done-for-me"]),
})
PEOPLE = st.fixed_dictionaries({
    "self": st.fixed_dictionaries({c: SELF_GRADES for c in logic.COMPETENCES}),
    "correct": st.frozensets(st.sampled_from(TASK_IDS)),
    "helped": st.frozensets(st.sampled_from(TASK_IDS), max_size=5),
    "situation": SITUATIONS,
    "variant": st.integers(min_value=0, max_value=50),
})
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def run(someone):
    """Play a whole diagnostic for a generated person."""
    answers_of = {c: logic.SELF_ANSWERS[grade] for c, grade in someone["self"].items()}
    respond = person(answers_of, someone["correct"], someone["situation"], someone["helped"])
    return logic.play(BANK, respond, someone["variant"])


@PROPERTY
@given(PEOPLE)
def test_every_path_ends_within_the_screen_limit(someone):
    situation, answers = run(someone)
    assert len(situation) + len(answers) <= logic.MAX_SCREENS
    assert logic.next_screen(BANK, situation, answers, someone["variant"]) is None
    assert len({a["id"] for a in answers}) == len(answers)  # never the same item twice
    for competence in logic.COMPETENCES:
        assert len(tasks_of(answers, competence)) <= logic.TASKS_PER_COMPETENCE


@PROPERTY
@given(PEOPLE, st.random_module())
def test_random_answers_always_end_within_the_limit(someone, _random):
    import random

    def respond(screen):
        if screen.part == "situation":
            options = [o["id"] for o in screen.question["options"]]
            pick = random.choice(options)
            return ([pick] if screen.question["kind"] == "choose-many" else pick), None, False
        if screen.part == "self":
            return random.choice(logic.SELF_ANSWERS), None, False
        return "", random.random() < 0.5, random.random() < 0.1

    situation, answers = logic.play(BANK, respond, someone["variant"])
    assert len(situation) + len(answers) <= logic.MAX_SCREENS


@PROPERTY
@given(PEOPLE, st.frozensets(st.sampled_from(TASK_IDS)), st.fixed_dictionaries({c: SELF_GRADES for c in logic.COMPETENCES}))
def test_more_right_answers_never_lower_a_level_or_the_profile(someone, more_right, better_self):
    stronger = dict(someone)
    stronger["correct"] = someone["correct"] | more_right
    stronger["self"] = {c: min(someone["self"][c], better_self[c]) for c in logic.COMPETENCES}  # lower index = better
    weak = logic.score(BANK, *run(someone))
    strong = logic.score(BANK, *run(stronger))
    for competence in logic.COMPETENCES:
        assert strong.levels[competence] >= weak.levels[competence], competence
    assert logic.PROFILES.index(strong.profile) >= logic.PROFILES.index(weak.profile)


@PROPERTY
@given(PEOPLE)
def test_same_answers_same_result(someone):
    first = run(someone)
    second = run(someone)
    assert first == second
    situation, answers = first
    shuffled = dict(reversed(list(situation.items())))
    assert logic.score(BANK, situation, answers) == logic.score(BANK, shuffled, [dict(a) for a in answers])
    assert all(level in logic.LEVELS for level in logic.levels_of(BANK, answers).values())
