"""The page in a real browser: Debian's headless chromium driven by Selenium.

`storycheck serve` runs in a subprocess on a free port; the browser loads
the page, analyses the bundled example, checks the marks and the thread,
opens a claim's chain by mouse and by keyboard, checks the phone width, and
saves screenshots in test-artifacts/. Without chromium the test is skipped
on a developer's machine, and fails in CI (CI=true), where scripts/test
installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storycheck import read_one

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
# The first analysis loads every model; a slow CI machine gets time for it.
WAIT_S = 180


def _require_browser() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    missing = f"{CHROMIUM} and {CHROMEDRIVER} are needed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing}; scripts/test installs them in CI")
    pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    folder = tmp_path_factory.mktemp("serve")
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "storycheck"),
        "serve",
        "--port",
        str(port),
        "--time-limit",
        str(WAIT_S),
    ]
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [*command, "--db", str(folder / "reports.duckdb")], stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "storycheck serve did not start:\n" + (folder / "server.log").read_text()
                )
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.add_argument("--window-size=1280,1000")
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(WAIT_S)
    try:
        yield driver
    finally:
        driver.quit()


def _analyse_example(driver, server: str, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{server}/")
    driver.find_element(By.CSS_SELECTOR, f"input[name=example][value='{name}']").click()
    driver.find_element(By.ID, "analyse").click()
    WebDriverWait(driver, WAIT_S).until(
        ec.any_of(
            ec.url_contains("/reports/"), ec.presence_of_element_located((By.CLASS_NAME, "error"))
        )
    )
    if "/reports/" not in driver.current_url:
        pytest.fail(
            "the page refused the example: " + driver.find_element(By.CLASS_NAME, "error").text
        )


def _screenshot(driver, name: str) -> Path:
    """The whole page, not only the window: the window is made as tall as the page."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height) + 120, 12000))
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path))
    return path


def test_the_example_is_analysed_marked_threaded_and_its_chain_opens(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    story = read_one(REPO / "examples" / "harbour-closure.txt")
    driver.set_window_size(1280, 1000)

    _analyse_example(driver, server, "harbour-closure")

    assert driver.find_element(By.TAG_NAME, "h1").text == story.title
    claims = driver.find_elements(By.CSS_SELECTOR, "article span[data-claim]")
    assert claims, "no claim is highlighted"
    assert "underline" in claims[0].value_of_css_property("text-decoration")
    sources = driver.find_elements(By.CSS_SELECTOR, "article span.source")
    assert sources and sources[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    comments = driver.find_elements(By.CSS_SELECTOR, "li.comment")
    assert [c.get_attribute("id") for c in comments] == [c.id for c in story.thread]
    assert all(c.is_displayed() for c in comments)

    panel = driver.find_element(By.ID, "chain")
    assert not panel.is_displayed()
    claims[0].click()
    WebDriverWait(driver, 10).until(lambda d: panel.is_displayed())
    assert "Evidence:" in panel.text
    assert panel.find_elements(By.CSS_SELECTOR, "ol.hands li")
    assert claims[0].get_attribute("title").startswith("evidence ")
    _screenshot(driver, "chain-open.png")
    driver.set_window_size(1280, 1000)

    # The keyboard does the same: Escape closes, Tab reaches a claim, Enter opens it.
    panel.send_keys(Keys.ESCAPE)
    WebDriverWait(driver, 10).until(lambda d: not panel.is_displayed())
    focusable = driver.find_elements(By.CSS_SELECTOR, "article span[data-claim][tabindex='0']")
    assert focusable
    assert driver.switch_to.active_element == claims[0]
    focusable[-1].send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: panel.is_displayed())
    assert driver.switch_to.active_element == panel


def test_the_page_fits_a_phone_screen(browser, server):
    from selenium.webdriver.common.by import By

    driver = browser
    _analyse_example(driver, server, "harbour-closure")
    driver.set_window_size(390, 844)

    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = driver.execute_script("""
      const w = document.documentElement.clientWidth; const out = [];
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
      }
      return [w, out.slice(0, 8)];""")
    assert overflow <= 1, wide
    assert driver.find_element(By.TAG_NAME, "h1").is_displayed()
    _screenshot(driver, "phone.png")
    driver.set_window_size(1280, 1000)


def test_the_seed_story_page_is_captured(browser, server, seed_path):
    from selenium.webdriver.common.by import By

    driver = browser
    driver.set_window_size(1100, 1000)
    _analyse_example(driver, server, "seed-story")

    assert driver.find_element(By.TAG_NAME, "h1").text == read_one(seed_path).title
    path = _screenshot(driver, "screenshot-seed.png")
    assert path.stat().st_size > 10_000
