"""The HTML review page in a real browser: headless Chromium through selenium.

The page for the shipped example is opened from a file (no server, and the browser may not
reach the network); the test reads the rendered DOM: the number of item rows and finding rows
equals the result's, each score curve SVG is drawn (its polyline has points and a non-empty
bounding box), the code filter hides the other findings, nothing was requested from outside
the file, and a screenshot is saved next to the page (and under $RESCORE_ARTIFACTS if set).
Chromium must be installed (`.ci/run` installs Debian's chromium and chromium-driver): if it
is not, the test fails and says so; it never skips silently.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.cli.common import open_report
from engine.profiles import load_profile
from engine.review.pipeline import rescore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "hengyang-2024" / "report.json"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--window-size=1200,1600"]


def _binaries() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("Chromium is needed for the HTML test: apt-get install -y chromium chromium-driver "
                    f"(found browser={browser}, driver={driver}); .ci/run installs it when missing")
    return browser, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = _binaries()
    profile = tempfile.mkdtemp(prefix="rescore-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_page_load_timeout(60)
    session.set_script_timeout(30)
    try:
        yield session
    finally:
        session.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "review.html"
    done = CliRunner().invoke(cli, [str(SEED), "--format", "html", "-o", str(out)])
    assert done.exit_code == 1, done.output
    return out


def test_the_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and " src=" not in html


def test_rendered_counts_curves_and_filter(browser: Any, page: Path) -> None:
    result = rescore(open_report(SEED), load_profile("mof2020"))
    browser.get(page.as_uri())
    count = browser.execute_script
    assert count("return document.querySelectorAll('tr.item').length") == sum(len(t.items) for t in result.tables)
    assert count("return document.querySelectorAll('tr.finding').length") == len(result.findings)
    assert count("return document.querySelectorAll('tr.finding.sev-error').length") == result.counts()["errors"]
    curves = count("""return Array.from(document.querySelectorAll('svg.curve')).map(function (svg) {
        var line = svg.querySelector('polyline'), box = line ? line.getBBox() : null;
        return {points: line ? line.points.numberOfItems : 0, w: box ? box.width : 0,
                h: svg.getBoundingClientRect().height};
    });""")
    assert curves, "no score curve on the page"
    for curve in curves:
        assert curve["points"] > 2 and curve["w"] > 0 and curve["h"] > 0, curve
    assert "多计" in browser.page_source and "少计" in browser.page_source
    browser.execute_script("var s = document.getElementById('f-code'); s.value = 'S001';"
                           "s.dispatchEvent(new Event('change'));")
    visible = count("return Array.from(document.querySelectorAll('tr.finding'))"
                    ".filter(function (tr) { return tr.offsetParent !== null; }).length")
    assert visible == sum(1 for f in result.findings if f.code == "S001")
    assert browser.find_element("id", "shown").text == str(visible)
    requested = count("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert requested == [], requested
    shot = page.with_suffix(".png")
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    artifacts = os.environ.get("RESCORE_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artifacts) / "review.png")


def test_batch_index_page(browser: Any, tmp_path: Path) -> None:
    other = tmp_path / "copy.json"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out = tmp_path / "site"
    done = CliRunner().invoke(cli, [str(SEED), str(other), str(bad), "--format", "html", "-o", str(out), "--jobs", "1"])
    assert done.exit_code == 2, done.output
    browser.get((out / "index.html").as_uri())
    assert browser.execute_script("return document.querySelectorAll('tr.report-row').length") == 16
    assert browser.execute_script("return document.querySelectorAll('li.unreadable').length") == 1
    links = {a.get_attribute("href").rsplit("/", 1)[-1] for a in browser.find_elements("css selector", "tr.report-row a")}
    assert links == {"report.html", "copy.html"}
    assert all((out / name).exists() for name in links)
