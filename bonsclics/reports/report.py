"""A report: the figures of a scope as sections of tables, each with its chart and what it counts.

The same `Table` objects feed the HTML page, the printable page, the CSV
exports and the public JSON, so the small-count rule is applied once, here.
"""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import content
from ..ui import tr
from . import charts, figures, logic

PROFILE_IDS = ("assistance", "mediation", "nudge")
ROLE_LABELS = {"manager": _l("Responsables"), "pro": _l("Professionnel·les"), "volunteer": _l("Bénévoles")}
AUTONOMY_LABELS = {"for": _l("Fait pour la personne"), "with": _l("Fait avec elle"), "alone": _l("Fait seule")}
IMPACT_LABELS = {"alone": _l("Seul·e"), "with-help": _l("Avec de l'aide"), "not-yet": _l("Pas encore")}
GRAIN_LABELS = {"week": _l("Semaine"), "month": _l("Mois"), "quarter": _l("Trimestre"), "year": _l("Année")}


class Table:
    """One table of figures: `rows` are [label, Cell, Cell...]; `chart` is its SVG (or empty)."""

    def __init__(self, key, title, note, headers, rows, chart=""):
        self.key, self.title, self.note, self.headers, self.rows, self.chart = key, title, note, headers, rows, chart

    def csv_rows(self):
        """Header then rows, masked cells written "< 5"."""
        yield [str(h) for h in self.headers]
        for label, *cells in self.rows:
            yield [str(label)] + [c.export() if isinstance(c, logic.Cell) else c for c in cells]


def threshold():
    """The small-count threshold of this installation."""
    return int(current_app.config["SMALL_COUNT_THRESHOLD"])


def _count(value):
    return logic.count(value, threshold())


def profile_labels():
    """{profile id: title} in the current language."""
    from ..diagnostic.bank import profiles

    return {pid: tr(p["title"]).text for pid, p in profiles().items()}


def _kind_labels():
    from ..agenda.present import KIND_LABELS

    return KIND_LABELS


def service_label(service):
    """A service key ("practice:caf-declaration", "lesson:internet-forms") in words."""
    kind, _sep, item = service.partition(":")
    if kind == "practice":
        from ..practice import catalogue

        path = catalogue.path(item)
        if path:
            return f"{tr(path['service']).text} — {tr(path['title']).text}"
    elif kind == "lesson":
        from ..learning import catalogue

        lesson = catalogue.lesson(item)
        if lesson:
            return tr(lesson["title"]).text
    return item or service


def build(scope, grain, whole_network=True):
    """Every section of the report for `scope`, with charts, in the order of the page."""
    sections = []
    if whole_network:
        sections.append(_network_section(scope))
    sections += [_diagnostic_section(scope), _learning_section(scope), _workshop_section(scope),
                 _orientation_section(scope), _activity_section(scope), _impact_section(scope, grain),
                 _evolution_section(scope, grain)]
    return sections


def _section(key, title, tables, summary=None):
    return {"key": key, "title": title, "tables": tables, "summary": summary or []}


# --- Sections ------------------------------------------------------------------------------------

def _network_section(scope):
    places = figures.query_structures(scope)
    density = Table("structures", _("Structures et lieux par département"),
                    _("Structures du réseau et lieux qu'elles déclarent dans l'annuaire, par département. "
                      "Ce sont des chiffres publics : ils ne sont pas masqués."),
                    [_("Département"), _("Structures"), _("Lieux")],
                    [[dep or _("non renseigné"), logic.Cell(s, 0), logic.Cell(p, 0)] for dep, (s, p) in places.items()])
    density.chart = charts.bars("chart-structures", density.title, [(r[0], r[1]) for r in density.rows])
    helpers = figures.query_helpers(scope)
    helper_table = Table("helpers", _("Aidant·es"),
                         _("Comptes actifs membres d'une structure, par rôle (une personne compte une fois par rôle)."),
                         [_("Rôle"), _("Personnes")],
                         [[label, _count(helpers.get(role, 0))] for role, label in ROLE_LABELS.items()])
    learners = figures.query_learners(scope)
    learner_table = Table("learners", _("Personnes accompagnées"),
                          _("Fiches créées avec l'accord de la personne pendant la période, et fiches utilisées pendant la période."),
                          [_("Fiches"), _("Nombre")],
                          [[_("Créées"), _count(learners["created"])], [_("Utilisées"), _count(learners["active"])]])
    per_structure = Table("by-structure", _("Par structure"),
                          _("Pour chaque structure, sur la période : fiches créées, diagnostics terminés, "
                            "accompagnements notés, ateliers tenus."),
                          [_("Structure"), _("Département"), _("Fiches"), _("Diagnostics"), _("Accompagnements"),
                           _("Ateliers")],
                          [[name, dep, _count(a), _count(b), _count(c), _count(d)]
                           for name, dep, a, b, c, d in figures.query_by_structure(scope)])
    return _section("network", _("Le réseau"), [density, helper_table, learner_table, per_structure])


def _diagnostic_section(scope):
    data = figures.query_diagnostics(scope)
    labels = profile_labels()
    limit = threshold()
    profiles = Table("diagnostic-profiles", _("Diagnostics par profil"),
                     _("Diagnostics terminés pendant les mois de la période, par profil. Ceux faits sans structure "
                       "comptent dans le département de la personne. Le filtre « public » ne garde qu'un profil."),
                     [_("Profil"), _("Diagnostics")],
                     [[labels.get(p, p), _count(data["profiles"].get(p, 0))] for p in PROFILE_IDS])
    profiles.chart = charts.bars("chart-profiles", profiles.title, [(r[0], r[1]) for r in profiles.rows])
    competences = [(c["id"], tr(c["title"]).text) for c in content.competences()]
    order = {competence: index for index, competence in enumerate(figures.LEVEL_FIELDS)}

    def average(sums, number, competence):
        value = round(sums[order[competence]] / number, 1) if number else None
        return logic.derived(value, number, limit, text=logic.format_number(value) if value is not None else None)

    everyone = [sum(values[i] for values in data["level_sums"].values()) for i in range(len(order))]
    levels = Table("diagnostic-levels", _("Niveau moyen par compétence et par profil"),
                   _("Pour chaque compétence, le niveau moyen atteint (de 0 : pas encore, à 3 : à l'aise), "
                     "pour tous puis pour chaque profil."),
                   [_("Compétence"), _("Tous")] + [labels.get(p, p) for p in PROFILE_IDS],
                   [[title, average(everyone, data["total"], cid)]
                    + [average(data["level_sums"].get(p, [0] * len(order)), data["profiles"].get(p, 0), cid)
                       for p in PROFILE_IDS] for cid, title in competences])
    levels.chart = charts.bars("chart-levels", _("Niveau moyen par compétence (tous)"), [(r[0], r[1]) for r in levels.rows])
    summary = [(_("Diagnostics terminés"), _count(data["total"])), (_("dont faits avec un·e aidant·e"), _count(data["assisted"]))]
    return _section("diagnostics", _("Diagnostics"), [profiles, levels], summary)


def _learning_section(scope):
    from ..learning import catalogue as lessons
    from ..practice import catalogue as paths

    limit = threshold()
    rows, attempts, failures = [], 0, 0
    for lesson_id, (started, completed, tried, failed) in sorted(figures.query_lessons(scope).items()):
        lesson = lessons.lesson(lesson_id)
        attempts, failures = attempts + tried, failures + failed
        rows.append([tr(lesson["title"]).text if lesson else lesson_id, _count(started), _count(completed),
                     logic.share(tried - failed, tried, limit)])
    modules = Table("lessons", _("Leçons commencées et terminées"),
                    _("Leçons commencées ou terminées pendant la période par les personnes suivies (code de reprise "
                      "relié à une fiche ; pour un administrateur, toutes). Réussite : part des réponses justes aux exercices."),
                    [_("Leçon"), _("Commencées"), _("Terminées"), _("Réponses justes (%)")], rows)
    practice_rows = []
    for path_id, (started, completed) in sorted(figures.query_practice(scope).items()):
        path = paths.path(path_id)
        practice_rows.append([f"{tr(path['service']).text} — {tr(path['title']).text}" if path else path_id,
                              _count(started), _count(completed)])
    practice = Table("practice", _("Entraînements aux démarches"),
                     _("Parcours d'entraînement commencés et menés jusqu'au bout pendant la période, par les mêmes personnes."),
                     [_("Démarche"), _("Commencés"), _("Terminés")], practice_rows)
    practice.chart = charts.bars("chart-practice", _("Entraînements terminés"), [(r[0], r[2]) for r in practice_rows])
    summary = [(_("Réussite aux exercices"), logic.share(attempts - failures, attempts, limit))]
    return _section("learning", _("Leçons et entraînements"), [modules, practice], summary)


def _workshop_section(scope):
    data = figures.query_workshops(scope)
    rows = [[label] + [_count(v) for v in data["kinds"].get(kind, [0, 0, 0, 0, 0])]
            for kind, label in _kind_labels().items()]
    table = Table("workshops", _("Ateliers et permanences tenus"),
                  _("Séances de la période déjà commencées et non annulées ; places offertes (séances limitées), "
                    "places réservées, personnes présentes et absentes (non venues) selon le pointage."),
                  [_("Type"), _("Séances"), _("Places"), _("Réservées"), _("Présentes"), _("Absentes")], rows)
    attendance = [(_("Présentes"), 3), (_("Absentes"), 4)]
    table.chart = charts.stacked("chart-attendance", _("Présences et absences"),
                                 [(r[0], [r[1 + i] for _n, i in attendance]) for r in rows], [n for n, _i in attendance])
    return _section("workshops", _("Ateliers"), [table])


def _orientation_section(scope):
    from ..orientation.vocabulary import STATUS_LABELS

    data = figures.query_orientations(scope)
    table = Table("orientations", _("Orientations par statut"),
                  _("Orientations créées pendant la période, envoyées ou reçues par les structures, selon leur statut actuel."),
                  [_("Statut"), _("Orientations")],
                  [[label, _count(data["statuses"].get(status, 0))] for status, label in STATUS_LABELS.items()])
    table.chart = charts.bars("chart-orientations", table.title, [(r[0], r[1]) for r in table.rows])
    hours = data["median_hours"]
    median = logic.derived(hours, data["answered"], threshold(),
                           text=_("%(days)s j %(hours)s h", days=int(hours // 24), hours=int(round(hours % 24)))
                           if hours is not None else None)
    return _section("orientations", _("Orientations"), [table],
                    [(_("Délai médian avant la première réponse"), median)])


def _activity_section(scope):
    data = figures.query_activity(scope)
    autonomy = Table("help-autonomy", _("Accompagnements selon l'autonomie"),
                     _("Aides notées dans le journal d'activité pendant la période, selon ce que la personne a fait, "
                       "et leur durée totale en minutes."),
                     [_("Autonomie"), _("Accompagnements"), _("Minutes")],
                     [[label, _count(data["autonomy"].get(key, (0, 0))[0]),
                       _count(data["autonomy"].get(key, (0, 0))[1])] for key, label in AUTONOMY_LABELS.items()])
    from ..pro.logic import activity_themes

    theme_labels = {theme_id: tr(label).text for theme_id, label in activity_themes()}
    themes = Table("help-themes", _("Accompagnements par thème"),
                   _("Une aide peut porter sur plusieurs thèmes : elle compte dans chacun."),
                   [_("Thème"), _("Accompagnements")],
                   [[theme_labels.get(theme, theme), _count(number)]
                    for theme, number in sorted(data["themes"].items(), key=lambda item: -item[1])])
    themes.chart = charts.bars("chart-themes", themes.title, [(r[0], r[1]) for r in themes.rows])
    autonomy.chart = charts.bars("chart-autonomy", autonomy.title, [(r[0], r[1]) for r in autonomy.rows])
    return _section("activity", _("Aide apportée"), [autonomy, themes])


def impact_rows(scope):
    """Per service: answers, done alone, done with help, not yet, share done (masked)."""
    data = figures.query_impact(scope)
    rows, total, done = [], 0, 0
    for service, answers in sorted(data["services"].items(), key=lambda item: service_label(item[0])):
        answered = sum(answers.values())
        did = answers.get("alone", 0) + answers.get("with-help", 0)
        total, done = total + answered, done + did
        rows.append([service_label(service), _count(answered), _count(answers.get("alone", 0)),
                     _count(answers.get("with-help", 0)), _count(answers.get("not-yet", 0)),
                     logic.share(did, answered, threshold())])
    return rows, logic.share(done, total, threshold()), _count(total), data


def _impact_section(scope, grain):
    rows, headline, total, data = impact_rows(scope)
    table = Table("impact", _("Impact : la vraie démarche faite ensuite"),
                  _("Réponses à la question « Avez-vous fait la vraie démarche depuis ? » après un entraînement ou une "
                    "leçon sur un service en ligne, posée à la personne à sa visite suivante ou notée par un·e aidant·e. "
                    "Part : réponses « seul·e » ou « avec de l'aide » sur toutes les réponses."),
                  [_("Service"), _("Réponses"), _("Seul·e"), _("Avec de l'aide"), _("Pas encore"), _("Part faite (%)")], rows)
    table.chart = charts.stacked("chart-impact", table.title, [(r[0], r[2:5]) for r in rows],
                                 [str(v) for v in IMPACT_LABELS.values()])
    starts = logic.buckets(scope.start, scope.end, grain)
    answered = dict(logic.roll_up(data["daily_answered"], scope.start, scope.end, grain))
    did = dict(logic.roll_up(data["daily_done"], scope.start, scope.end, grain))
    over_time = Table("impact-time", _("Impact dans le temps"),
                      _("Par %(grain)s : réponses reçues et part de « démarche faite ».", grain=str(GRAIN_LABELS[grain]).lower()),
                      [str(GRAIN_LABELS[grain]), _("Réponses"), _("Part faite (%)")],
                      [[logic.bucket_label(s, grain), _count(answered[s]), logic.share(did[s], answered[s], threshold())]
                       for s in starts])
    return _section("impact", _("Impact"), [table, over_time],
                    [(_("Part des personnes qui ont fait la vraie démarche"), headline), (_("Réponses"), total)])


def _evolution_section(scope, grain):
    series = [
        (_("Diagnostics"), figures.query_diagnostics(scope)["monthly"]),
        (_("Accompagnements"), figures.query_activity(scope)["daily"]),
        (_("Séances tenues"), figures.query_workshops(scope)["daily"]),
        (_("Orientations"), figures.query_orientations(scope)["daily"]),
    ]
    if grain == "week":
        series = series[1:]  # diagnostics are counted by month
    starts = logic.buckets(scope.start, scope.end, grain)
    columns = [[_count(v) for _s, v in logic.roll_up(days, scope.start, scope.end, grain)] for _n, days in series]
    labels = [logic.bucket_label(s, grain) for s in starts]
    table = Table("evolution", _("Évolution"),
                  _("Par %(grain)s : diagnostics terminés (comptés par mois : absents de la vue par semaine), accompagnements "
                    "notés, séances tenues, orientations créées.",
                    grain=str(GRAIN_LABELS[grain]).lower()),
                  [str(GRAIN_LABELS[grain])] + [name for name, _d in series],
                  [[label] + [column[i] for column in columns] for i, label in enumerate(labels)])
    table.chart = charts.lines("chart-evolution", table.title, labels,
                               [(name, column) for (name, _d), column in zip(series, columns)])
    return _section("evolution", _("Évolution"), [table])


def print_figures(scope, grain):
    """What the one-page activity report shows: key figures and two charts."""
    learners = figures.query_learners(scope)
    diagnostics = figures.query_diagnostics(scope)
    activity = figures.query_activity(scope)["autonomy"]
    workshops = figures.query_workshops(scope)["kinds"].values()
    orientations = figures.query_orientations(scope)["statuses"]
    _rows, impact, answers, _data = impact_rows(scope)
    summary = [
        (_("Personnes accompagnées (fiches créées)"), _count(learners["created"])),
        (_("Diagnostics terminés"), _count(diagnostics["total"])),
        (_("Accompagnements notés"), _count(sum(n for n, _m in activity.values()))),
        (_("Heures d'accompagnement"), _count(sum(m for _n, m in activity.values()) // 60)),
        (_("Ateliers et permanences tenus"), _count(sum(v[0] for v in workshops))),
        (_("Présences aux séances"), _count(sum(v[3] for v in workshops))),
        (_("Orientations"), _count(sum(orientations.values()))),
        (_("Démarche faite pour de vrai ensuite"), impact),
    ]
    help_rows = [(label, _count(activity.get(key, (0, 0))[0])) for key, label in AUTONOMY_LABELS.items()]
    evolution = _evolution_section(scope, grain)["tables"][0]
    return {"summary": summary, "help_chart": charts.bars("print-help", _("Accompagnements selon l'autonomie"), help_rows),
            "help_rows": help_rows, "evolution": evolution, "answers": answers}
