"""Time until the first words show, on an emulated 2G link with a 4x slower CPU.

Headless Chromium (Debian's package) through Playwright; each page is loaded
cold (new browser context: empty cache), with 300 ms round trip, 250 kbit/s
down, 50 kbit/s up, and CPU throttled 4x. The figure is First Contentful
Paint. Target: under 1.5 s on every page.
Run: .venv/bin/python bench/first_words_2g.py
"""
import shutil

from common import demo_instance, percentile, save, start_gunicorn

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# The paint may come after the load event (htmx is fetched after it): wait for it, up to 10 s.
FIRST_PAINT = """() => new Promise((resolve) => {
    const entry = () => performance.getEntriesByName('first-contentful-paint')[0];
    if (entry()) return resolve(entry().startTime);
    new PerformanceObserver(() => entry() && resolve(entry().startTime)).observe({type: 'paint', buffered: true});
    setTimeout(() => resolve(null), 10000);
})"""
NETWORK = {"offline": False, "latency": 300, "downloadThroughput": 250 * 1000 / 8, "uploadThroughput": 50 * 1000 / 8}


def pages_to_measure(url):
    """Every route reachable by links from the home page, one URL per route."""
    from helpers import crawl

    from bonsclics import create_app

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-0123456789abcdef0123", "TESTING": True})
    return sorted(crawl(app.test_client(), start=("/", "/code", "/account/login"), per_endpoint=1, limit=200))


def main():
    from playwright.sync_api import sync_playwright

    folder, url = demo_instance()
    server, base = start_gunicorn(
        "app:create_app()", {"FLASK_DATABASE_URL": url, "FLASK_INSTANCE_PATH": folder,
                             "FLASK_SECRET_KEY": "bench-secret-key-0123456789abcdef0123"}, workers=3)
    results = []
    try:
        paths = pages_to_measure(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for path in paths:
                context = browser.new_context(viewport={"width": 360, "height": 640}, locale="fr-FR")
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", NETWORK)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.goto(base + path, wait_until="load", timeout=60000)
                fcp = page.evaluate(FIRST_PAINT)
                load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
                results.append({"url": path, "first_contentful_paint_ms": round(fcp or -1), "load_ms": round(load)})
                print(f"{path:50} FCP {fcp or -1:7.0f} ms   load {load:7.0f} ms")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    values = [r["first_contentful_paint_ms"] for r in results if r["first_contentful_paint_ms"] > 0]
    summary = {"pages": len(results), "fcp_p50_ms": percentile(values, 0.5), "fcp_max_ms": max(values),
               "over_1500_ms": [r for r in results if r["first_contentful_paint_ms"] > 1500]}
    print(summary)
    print("path:", save("first_words_2g", {"network": NETWORK, "cpu_slowdown": 4, "results": results, **summary}))


if __name__ == "__main__":
    main()
