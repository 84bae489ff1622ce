"""Page weight of every page reachable by links: HTML gzip, and the cold first view.

The first view is HTML + CSS + JS + icon, each gzip-compressed, as a browser
with an empty cache downloads them. Budgets: HTML 14 KB, first view 50 KB.
Run: .venv/bin/python bench/page_weight.py
"""
import gzip
import re

from common import DEMO_PASSWORD, demo_instance, save

from bonsclics import create_app


def compressed(data):
    """gzip size at level 6 (what nginx and the app use)."""
    return len(gzip.compress(data, compresslevel=6))


def main():
    from helpers import crawl

    folder, url = demo_instance()
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-0123456789abcdef0123",
                      "TESTING": True, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    rows = []
    visitor = app.test_client()
    pro = app.test_client()
    pro.post("/account/login", data={"email": "pro@demo.test", "password": DEMO_PASSWORD})
    for who, client, start in (("visitor", visitor, ("/", "/code")), ("pro", pro, ("/account/", "/"))):
        pages = crawl(client, start=start, limit=400, skip=("/logout",))
        for page_url, response in pages.items():
            html = response.get_data()
            assets = re.findall(rb'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="([^"]+)"', html)
            assets += re.findall(rb'<script[^>]+data-htmx="([^"]+)"', html)  # app.js loads it after the first paint
            asset_bytes = sum(compressed(client.get(a.decode().replace("&amp;", "&")).data) for a in assets)
            rows.append({"who": who, "url": page_url, "html_gzip": compressed(html),
                         "first_view_gzip": compressed(html) + asset_bytes})
    rows.sort(key=lambda r: -r["html_gzip"])
    heaviest_html = rows[0]
    heaviest_view = max(rows, key=lambda r: r["first_view_gzip"])
    print(f"{len(rows)} pages")
    print(f"heaviest HTML:       {heaviest_html['html_gzip'] / 1024:.1f} KB  {heaviest_html['url']}")
    print(f"heaviest first view: {heaviest_view['first_view_gzip'] / 1024:.1f} KB  {heaviest_view['url']}")
    over = [r for r in rows if r["html_gzip"] > 14 * 1024 or r["first_view_gzip"] > 50 * 1024]
    print(f"over budget: {len(over)}")
    median = sorted(r["html_gzip"] for r in rows)[len(rows) // 2]
    print(f"median HTML: {median / 1024:.1f} KB")
    print("path:", save("page_weight", {"pages": rows, "over_budget": over}))


if __name__ == "__main__":
    main()
