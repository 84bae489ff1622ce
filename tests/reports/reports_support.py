"""Helpers of the reports tests: read a CSV export, find a table row in a page."""
import csv
import io
import re


def csv_table(response):
    """The rows of a CSV export (title line dropped), as lists of strings."""
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return rows[1:]


def row_of(rows, label):
    """The CSV row whose first cell is `label`."""
    return next(row for row in rows if row[0] == label)


def table_html(page, key):
    """The HTML from the heading of table `key` to the end of its table."""
    start = page.index(f'id="t-{key}"')
    return page[start:page.index("</table>", start)]


def svg_of(page, chart_id):
    """The SVG element of a chart."""
    start = page.index(f'<svg class="chart" id="{chart_id}"')
    return page[start:page.index("</svg>", start)]


def texts(svg):
    """The texts written in an SVG."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)
