"""The pages the load test visits: one URL of every public route reachable by links."""


def sample_paths(url):
    """Public GET pages found from the home page (one per route)."""
    from helpers import crawl

    from bonsclics import create_app

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-0123456789abcdef0123", "TESTING": True})
    return sorted(crawl(app.test_client(), start=("/",), per_endpoint=1, limit=200))
