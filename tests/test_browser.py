"""`journeymap serve` as a user meets it: a real server process and a real headless Chromium.

The browser opens the index, follows a link to a map, and the map's YAML is edited on disk:
the page must reload by itself with the new text, show a broken save's error over the last
good picture, and drop the error once fixed. Needs Debian's chromium and Playwright for
Python (scripts/check installs chromium); without either this test fails, it never skips.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from browser_helpers import CHROMIUM, CHROMIUM_ARGS
from conftest import EXAMPLES, Result
from journeymap.site import build
from render_helpers import assert_only_our_scripts

WAIT_MS = 30_000  # a functional timeout only: this test never measures speed

ORIGINAL = "Compares single tickets, a 10-trip card and the monthly pass"
EDITED = "Compares fares on the Zephyrtown line"
GOOD_EMOTION = "        emotion: -1\n        feeling: Confused\n"
BAD_EMOTION = '        emotion: "<b>seven</b>"\n        feeling: Confused\n'
PROBLEM = re.compile(
    r"current-state\.yaml:\d+:\d+: JM103 expected an integer, got text '<b>seven</b>'"
)


class Served:
    """The `journeymap serve` process, its URL and the (temporary) site it serves."""

    def __init__(self, process: subprocess.Popen[str], url: str, site: Path, log: Path) -> None:
        self.process, self.url, self.site, self.log = process, url, site, log

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    return copy


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[Served]:
    log = tmp_path / "serve.err"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "journeymap", "serve", str(project), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    try:
        assert process.stdout is not None
        site, url = read_announcement(process.stdout)
        yield Served(process, url, site, log)
    finally:
        stop_for_good(process)


def stop_for_good(process: subprocess.Popen[str]) -> None:
    """After a failure too: Ctrl-C first, so that the temporary site is removed."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def read_announcement(stdout: IO[str]) -> tuple[Path, str]:
    """`site: DIR (removed on exit)` then `serving at URL (Ctrl-C to stop)`."""
    first, second = stdout.readline(), stdout.readline()
    site = re.fullmatch(r"site: (.+) \(removed on exit\)\n", first)
    url = re.fullmatch(r"serving at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n", second)
    assert site and url, f"unexpected announcement: {first!r} {second!r}"
    return Path(site.group(1)), url.group(1)


@pytest.fixture
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "the browser test needs chromium: apt-get install -y chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def banner_text(page: Page) -> str | None:
    return page.evaluate(
        "() => { const b = document.getElementById('journeymap-problems');"
        " return b ? b.textContent : null; }"
    )


def test_the_served_page_follows_edits(
    served: Served, browser: Browser, project: Path, tmp_path: Path
) -> None:
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(describe(message)))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))

    page.goto(served.url + "index.html")
    page.click('a[href="maps/current-state.html"]')
    page.wait_for_url(served.url + "maps/current-state.html")
    assert ORIGINAL in page.inner_text("body")
    marked(page)

    # A good edit: the page reloads by itself and shows the new action.
    source = project / "current-state.yaml"
    replace_in(source, ORIGINAL, EDITED)
    page.wait_for_function(f"() => document.body.innerText.includes({EDITED!r})", timeout=WAIT_MS)
    assert not is_marked(page), "the new text came without a reload"
    assert ORIGINAL not in page.inner_text("body")
    marked(page)

    # A broken edit: the error shows over the last good map, escaped (the text is markup).
    replace_in(source, GOOD_EMOTION, BAD_EMOTION)
    page.wait_for_function(
        "() => document.getElementById('journeymap-problems') !== null", timeout=WAIT_MS
    )
    shown = banner_text(page)
    assert shown is not None and PROBLEM.search(shown), shown
    banner_leaves_the_navigation_free(page)
    assert page.locator("#journeymap-problems b").count() == 0, "markup from the map ran"
    assert not is_marked(page), "the error came without a reload"
    assert EDITED in page.inner_text("body"), "the last good map is gone"
    marked(page)

    # Fixed again: the error goes away, the map stays.
    replace_in(source, BAD_EMOTION, GOOD_EMOTION)
    page.wait_for_function(
        "() => document.getElementById('journeymap-problems') === null", timeout=WAIT_MS
    )
    assert EDITED in page.inner_text("body")
    assert not is_marked(page)

    assert not [m for m in console if "Content Security Policy" in m or "pageerror" in m], console
    check_files_on_disk(served.site, project, tmp_path / "reference")

    assert served.stop() == 130  # Ctrl-C: exit 130, one line
    log = served.log.read_text(encoding="utf-8")
    assert PROBLEM.search(log), log  # the terminal showed the error too
    assert "Traceback" not in log, log
    assert not served.site.exists(), "the temporary site outlived the server"


def banner_leaves_the_navigation_free(page: Page) -> None:
    """The problems banner is above the page's navigation, never over it: the link back to
    the maps is where a click lands, and the two boxes do not overlap."""
    boxes = page.evaluate(
        """() => {
            const nav = document.querySelector("nav.home a").getBoundingClientRect();
            const banner = document.getElementById("journeymap-problems").getBoundingClientRect();
            const hit = document.elementFromPoint(nav.x + nav.width / 2, nav.y + nav.height / 2);
            return {nav: [nav.top, nav.bottom], banner: [banner.top, banner.bottom],
                    hit: hit !== null && hit.closest("nav.home") !== null};
        }"""
    )
    assert boxes["hit"], boxes
    assert boxes["banner"][1] <= boxes["nav"][0], boxes


def check_files_on_disk(site: Path, project: Path, reference: Path) -> None:
    """Only our own hashed scripts on disk (never the reload script), and every file byte for
    byte what `build` writes for this project."""
    build(project, reference)
    served_files = files_of(site)
    assert served_files, f"nothing was built in {site}"
    assert served_files.keys() == files_of(reference).keys()
    for name, data in served_files.items():
        if name.endswith(".html"):
            assert_only_our_scripts(data.decode("utf-8"))
        assert b"data-generation" not in data, f"{name} has the reload script on disk"
        assert data == (reference / name).read_bytes(), f"{name} differs from `build`"


def files_of(root: Path) -> dict[str, bytes]:
    """Every file of a site except the build's own cache and lock."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".journeymap" not in path.relative_to(root).parts
    }


def marked(page: Page) -> None:
    """A mark that only lives as long as this document: a reload clears it."""
    page.evaluate("() => { window.__journeymapTestMark = true; }")


def is_marked(page: Page) -> bool:
    return bool(page.evaluate("() => window.__journeymapTestMark === true"))


def describe(message: ConsoleMessage) -> str:
    return f"{message.type}: {message.text}"


TOKEN = "Supercalifragilistic" * 15  # 300 characters, no break opportunity
URL = "https://example.org/" + "very-long-path-segment/" * 10 + "?q=" + "x" * 80
COMPOUND = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
CJK = "東京都渋谷区の区役所で住民票の写しを請求するために長い列に並んで待っている間に考えたこと" * 3
ARABIC = "يقارن المستخدم بين التذاكر الفردية والبطاقة الشهرية قبل الشراء من الموقع"


def long_words_map() -> str:
    """Every text the page shows in a panel, heading or table holds an unbreakable word."""
    short = TOKEN[:190]
    data = {
        "journeymap": 1,
        "kind": "current-state",
        "id": "long-words",
        "title": short,
        "owner": TOKEN[:110],
        "tags": [short, COMPOUND],
        "persona": {"name": short, "role": COMPOUND, "quote": CJK, "bio": URL, "goals": [TOKEN]},
        "scenario": f"{URL} {TOKEN}",
        "goals": [COMPOUND * 2, CJK],
        "research": [{"title": short, "url": URL, "note": CJK}],
        "stages": [
            {
                "id": "awareness",
                "title": COMPOUND[:150],
                "steps": [
                    {
                        "id": "a",
                        "action": TOKEN,
                        "emotion": -1,
                        "thoughts": [URL],
                        "touchpoints": [{"channel": "web", "name": short}],
                        "pain_points": [{"id": "p", "text": TOKEN, "owner": TOKEN[:110]}],
                        "opportunities": [
                            {"id": "o", "text": URL, "owner": COMPOUND, "addresses": ["p"]}
                        ],
                        "metrics": {"note": short},
                        "next": [{"to": "b", "label": short}, {"to": "c", "label": URL[:190]}],
                    },
                    {"id": "b", "action": CJK, "emotion": 1, "next": ["c"]},
                    {"id": "c", "action": f"{ARABIC} {TOKEN}", "feeling": COMPOUND},
                ],
            }
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def test_long_words_never_widen_a_page_past_the_viewport(browser: Browser, tmp_path: Path) -> None:
    """Issue 10: a 300-character token, a long URL, a German compound or a CJK run in any text
    ran past a 1,280 px viewport on the map page and the site's pages."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "journeymap.toml").write_text('[project]\nname = "Long words"\n', encoding="utf-8")
    (project / "long.yaml").write_text(long_words_map(), encoding="utf-8")
    site = tmp_path / "site"
    build(project, site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 4, pages  # the map page, index, channels, backlog, the persona
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for html in pages:
        page.goto(html.as_uri())
        assert TOKEN[:40] in page.inner_text("body"), html
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, f"{html.relative_to(site)} is {width} px wide"


def test_long_words_never_widen_the_diff_page(
    browser: Browser, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(long_words_map(), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(long_words_map().replace('"emotion": 1', '"emotion": 2'), encoding="utf-8")
    new.write_text(new.read_text("utf-8").replace(f'"action": "{CJK}"', f'"action": "{URL}"'))
    result = cli("diff", str(old), str(new), "-f", "html")
    assert result.exit_code == 0, result.stderr
    page_file = tmp_path / "diff.html"
    page_file.write_text(result.stdout, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    assert URL[:40] in page.inner_text("body")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the diff page is {width} px wide"
