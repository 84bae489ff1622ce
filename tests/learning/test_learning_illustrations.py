"""Every illustration of content/illustrations (shared by all areas) is a safe, self-contained SVG."""
import os

import pytest

from bonsclics import content
from bonsclics.learning.catalogue import svg_problems

FOLDER = os.path.join(content.CONTENT_DIR, "illustrations")
FILES = sorted(name for name in os.listdir(FOLDER) if name.endswith(".svg"))


def test_the_folder_is_not_empty():
    assert len(FILES) > 50


def test_every_file_is_an_svg_drawing():
    assert [name for name in os.listdir(FOLDER) if not name.endswith(".svg")] == []


@pytest.mark.parametrize("name", FILES)
def test_illustration_is_safe(name):
    with open(os.path.join(FOLDER, name), encoding="utf-8") as handle:
        markup = handle.read()
    assert svg_problems(markup) == [], name


GOOD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="url(#g)"/><use href="#c"/></svg>'


def test_a_clean_drawing_passes():
    assert svg_problems(GOOD) == []


@pytest.mark.parametrize("change, expected", [
    (('viewBox="0 0 10 10"', ""), "no viewBox"),
    (('viewBox=', 'width="10" viewBox='), "has a width"),
    (('viewBox=', 'height="10" viewBox='), "has a height"),
    (("<circle", "<script>alert(1)</script><circle"), "forbidden element <script>"),
    (("<circle", "<style>circle{fill:red}</style><circle"), "forbidden element <style>"),
    (("<circle", "<foreignObject><p>x</p></foreignObject><circle"), "forbidden element <foreignObject>"),
    (("<circle", "<title>Un rond</title><circle"), "forbidden element <title>"),
    (("<circle", '<image href="x.png"/><circle'), "forbidden element <image>"),
    (('<circle cx', '<circle onclick="x()" cx'), "event attribute onclick"),
    (('<circle cx', '<circle style="fill:red" cx'), "style attribute"),
    (('href="#c"', 'href="https://example.org/c.svg#c"'), "external reference"),
    (('url(#g)', 'url(https://example.org/g)'), "external url()"),
    (("<svg ", "<!DOCTYPE svg><svg "), "DOCTYPE"),
    (("</svg>", ""), "not well-formed"),
    (('<svg xmlns="http://www.w3.org/2000/svg"', '<html xmlns="http://www.w3.org/2000/svg"'), "not well-formed"),
    (("<circle", '<svg viewBox="0 0 1 1"/><circle'), "nested"),
    (("<circle", "<path d='" + "M0 0 " * 600 + "'/><circle"), "keep it under"),
])
def test_the_checker_catches_each_fault(change, expected):
    old, new = change
    markup = GOOD.replace(old, new)
    assert markup != GOOD
    assert any(expected in problem for problem in svg_problems(markup)), svg_problems(markup)


def test_a_root_other_than_svg_is_refused():
    problems = svg_problems('<g xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    assert any("root element" in p for p in problems)
