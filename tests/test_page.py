"""The map page and the site in a real browser (Debian's Chromium through Playwright).

The first screen of a map page shows the map; the map zooms and pans by keyboard and mouse
while its stage and lane headers stay pinned; the step anchors scroll the map to the step;
print splits a long map into tiles drawn at their real size; every page kind passes axe-core.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser_helpers import FIRST_SCREEN, axe_violations, chromium, describe
from conftest import EXAMPLES, Result
from journeymap.site import build

CASES = Path(__file__).parent / "cases"
STEPS = 40


def long_map() -> str:
    """A 40-step map: the drawing is several screens wide."""
    stages = []
    for s, phase in enumerate(
        ("awareness", "consideration", "conversion", "retention", "advocacy")
    ):
        steps = [
            {
                "id": f"s{s}-{i}",
                "action": f"Does thing {i} of stage {s}, with a few words more",
                "emotion": (i % 5) - 2,
                "touchpoints": [{"channel": "web", "name": f"Page {i}"}],
                "thoughts": [f"Thought {t} about thing {i}" for t in range(14)],
                "pain_points": [{"id": f"p{s}-{i}", "text": "It hurts", "severity": 3}]
                if i % 3 == 0
                else [],
            }
            for i in range(STEPS // 5)
        ]
        stages.append({"id": phase, "steps": steps})
    data = {
        "journeymap": 1,
        "kind": "current-state",
        "id": "long",
        "title": "A long journey",
        "persona": {"name": "Ana", "role": "Shopper", "bio": "Lives far away."},
        "scenario": "Ana does forty things.",
        "goals": ["See all forty"],
        "stages": stages,
    }
    return json.dumps(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, a long map and a measured map, built into one site."""
    root = tmp_path_factory.mktemp("page")
    project = root / "project"
    shutil.copytree(EXAMPLES, project)
    (project / "long.yaml").write_text(long_map(), encoding="utf-8")
    shutil.copy(CASES / "measured-checkout" / "map.yaml", project / "checkout.yaml")
    shutil.copy(CASES / "measured-checkout" / "measures.json", project / "measures.json")
    toml = project / "journeymap.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[analytics]\nmeasures = "measures.json"\n',
        encoding="utf-8",
    )
    out = root / "site"
    assert build(project, out).failed == 0
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport=FIRST_SCREEN)
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    opened.close()
    assert problems == [], problems  # no CSP refusal, no script error


def geometry(page: Page) -> dict[str, float]:
    return page.evaluate(
        """() => {
            const view = document.querySelector(".viewport").getBoundingClientRect();
            const sheet = document.querySelector(".sheet").getBoundingClientRect();
            const v = document.querySelector(".viewport");
            return {top: view.top, bottom: view.bottom, left: view.left, width: sheet.width,
                    scrollLeft: v.scrollLeft, scrollTop: v.scrollTop,
                    drawn: Number(getComputedStyle(v).getPropertyValue("--w"))};
        }"""
    )


def map_pages(site: Path) -> list[Path]:
    return sorted((site / "maps").rglob("*.html"))


def test_the_first_screen_of_every_map_page_shows_the_map(site: Path, page: Page) -> None:
    pages = map_pages(site)
    assert len(pages) >= 10
    for html in pages:
        page.goto(html.as_uri())
        box = geometry(page)
        visible = min(box["bottom"], FIRST_SCREEN["height"]) - box["top"]
        whole = box["bottom"] - box["top"]
        assert box["top"] < 300 and visible >= min(450, whole), (html.name, box)
        assert box["width"] <= FIRST_SCREEN["width"] or box["width"] >= box["drawn"] * 0.5
        assert page.is_visible(".zoom"), "the zoom script did not run"
        assert page.locator("svg#map-drawing text").count() > 0


def test_the_page_shows_persona_scenario_and_goals_once(site: Path, page: Page) -> None:
    page.goto((site / "maps" / "current-state.html").as_uri())
    body = page.inner_text("body")
    assert body.count("Maya starts a new job") == 1
    assert page.locator("#map-drawing .header").count() == 0  # the drawing's own header band
    assert "34, moved to Eastbrook" in page.inner_text("header.top")  # the bio is there


def test_keyboard_zooms_and_pans_the_map(site: Path, page: Page) -> None:
    page.goto((site / "maps" / "long.html").as_uri())
    first = geometry(page)
    assert first["width"] == pytest.approx(first["drawn"] * 0.5, abs=2)  # at most fit, >= 50%
    page.focus(".viewport")
    page.keyboard.press("+")
    assert geometry(page)["width"] == pytest.approx(first["width"] * 1.25, rel=0.01)
    page.keyboard.press("1")
    assert geometry(page)["width"] == pytest.approx(first["drawn"], abs=2)
    assert page.inner_text(".zoom-level") == "100%"
    for _ in range(10):
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowDown")
    moved = geometry(page)
    assert moved["scrollLeft"] > 0 and moved["scrollTop"] > 0
    pins = page.evaluate(
        """() => {
            const view = document.querySelector(".viewport").getBoundingClientRect();
            const top = document.querySelector(".pin-top").getBoundingClientRect();
            const left = document.querySelector(".pin-left").getBoundingClientRect();
            return [top.top - view.top, left.left - view.left];
        }"""
    )
    assert pins[0] == pytest.approx(1, abs=1.5) and pins[1] == pytest.approx(1, abs=1.5), pins
    page.keyboard.press("0")
    fit = geometry(page)
    assert fit["width"] < first["width"]
    page.keyboard.press("-")
    assert geometry(page)["width"] < fit["width"]


def test_the_mouse_drags_and_zooms_the_map(site: Path, page: Page) -> None:
    page.goto((site / "maps" / "long.html").as_uri())
    box = geometry(page)
    x, y = box["left"] + 600, box["top"] + 200
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 300, y, steps=5)
    page.mouse.up()
    assert geometry(page)["scrollLeft"] == pytest.approx(300, abs=2)
    before = geometry(page)["width"]
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_function(
        f"() => document.querySelector('.sheet').getBoundingClientRect().width > {before + 1}"
    )


def test_two_fingers_pinch_to_zoom_the_map(site: Path, browser: Browser) -> None:
    """Touch: two fingers moving apart zoom in (the browser's own pinch is off on the map)."""
    context = browser.new_context(viewport=FIRST_SCREEN, has_touch=True)
    try:
        touch_page = context.new_page()
        touch_page.goto((site / "maps" / "long.html").as_uri())
        box = geometry(touch_page)
        before = box["width"]
        x, y = box["left"] + 500, box["top"] + 250
        cdp = context.new_cdp_session(touch_page)

        def touch(kind: str, spread: float) -> None:
            points = [{"x": x - spread, "y": y, "id": 1}, {"x": x + spread, "y": y, "id": 2}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        touch("touchStart", 40)
        for spread in range(50, 200, 10):
            touch("touchMove", spread)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        after = geometry(touch_page)["width"]
        assert after > before * 2, (before, after)
    finally:
        context.close()


def test_the_overview_follows_and_steers_the_map(site: Path, page: Page) -> None:
    page.goto((site / "maps" / "long.html").as_uri())
    assert page.is_visible(".overview")
    frame = page.locator(".overview").bounding_box()
    assert frame is not None
    page.mouse.click(frame["x"] + frame["width"] * 0.9, frame["y"] + frame["height"] / 2)
    assert geometry(page)["scrollLeft"] > geometry(page)["width"] * 0.6
    lens = page.locator(".lens").bounding_box()
    assert lens is not None and lens["x"] > frame["x"] + frame["width"] * 0.5


def test_a_step_anchor_scrolls_the_map_to_the_step(site: Path, page: Page) -> None:
    page.goto((site / "maps" / "long.html").as_uri() + "#map-step-s4-7")
    spot = page.locator("#map-step-s4-7").bounding_box()
    view = page.locator(".viewport").bounding_box()
    assert spot is not None and view is not None
    assert view["x"] <= spot["x"] + spot["width"] / 2 <= view["x"] + view["width"]


def test_print_splits_a_long_map_into_tiles_at_their_drawn_size(site: Path, page: Page) -> None:
    page.set_viewport_size({"width": 1512, "height": 1000})  # A3 landscape less margins
    page.goto((site / "maps" / "long.html").as_uri())
    page.emulate_media(media="print")
    tiles = page.evaluate(
        """() => [...document.querySelectorAll(".tile > svg")].map(svg => [
            svg.getBoundingClientRect().width, Number(svg.getAttribute("width"))])"""
    )
    assert len(tiles) >= 5
    for shown, drawn in tiles:
        assert shown == pytest.approx(drawn, abs=1) and drawn <= 1512
    wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(e => !(e.parentElement && e.parentElement.closest("svg")))
            .filter(e => e.getBoundingClientRect().right > 1513)
            .filter(e => !e.closest(".map-stage"))
            .map(e => e.tagName + "." + e.getAttribute("class"))"""
    )
    # Anything wider than the page makes Chrome shrink every printed page to fit it.
    hidden = page.evaluate(
        """() => [...document.querySelectorAll(".map-stage *")]
            .filter(e => getComputedStyle(e).position === "absolute" && e.offsetParent
                     && !e.matches(".canvas") && e.getBoundingClientRect().right > 1513)
            .length"""
    )
    assert wide == [] and hidden == 0, (wide, hidden)
    stage = page.locator(".map-stage").bounding_box()
    assert stage is not None and stage["height"] <= 1  # the screen's map is not printed
    pdf = page.pdf()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= len(tiles) + 1  # header, tiles, tables


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_axe_finds_nothing_on_any_page_kind(site: Path, page: Page, tmp_path: Path) -> None:
    pages = site_pages(site)
    names = {p.relative_to(site).as_posix() for p in pages}
    for kind in ("index.html", "channels.html", "backlog.html", "backlog-loss.html"):
        assert kind in names
    assert any(n.startswith("personas/") for n in names)
    found = {}
    for html in pages:
        page.goto(html.as_uri())
        violations = axe_violations(page)
        if violations:
            found[html.relative_to(site).as_posix()] = violations
    assert found == {}, describe([found])


def test_axe_finds_nothing_on_the_diff_pages(
    page: Page, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES, project)
    current = project / "current-state.yaml"
    edited = project / "edited.yaml"
    edited.write_text(
        current.read_text(encoding="utf-8").replace("emotion: -1", "emotion: 1"), encoding="utf-8"
    )
    measures = CASES / "measured-checkout" / "measures.json"
    moved = tmp_path / "moved.json"
    moved.write_text(
        measures.read_text(encoding="utf-8").replace('"cases": 1', '"cases": 2', 1),
        encoding="utf-8",
    )
    found = {}
    for name, old, new in (("maps", current, edited), ("measures", measures, moved)):
        result = cli("diff", str(old), str(new), "-f", "html")
        assert result.exit_code in (0, 1), result.stderr
        html = tmp_path / f"{name}.html"
        html.write_text(result.stdout, encoding="utf-8")
        page.goto(html.as_uri())
        assert page.locator("h1").count() == 1, name
        found[name] = axe_violations(page)
    assert found == {"maps": [], "measures": []}, describe([found])


def visible_rows(page: Page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll("table.backlog tbody tr")]
            .filter(row => !row.hidden).map(row => [...row.cells].map(c => c.innerText))"""
    )


def test_the_backlog_filters_and_sorts_without_a_request(site: Path, browser: Browser) -> None:
    page = browser.new_page(viewport=FIRST_SCREEN)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    backlog = (site / "backlog.html").as_uri()
    page.goto(backlog)
    everything = visible_rows(page)
    assert len(everything) > 20 and page.is_visible(".filters")
    assert page.inner_text(".filters output") == f"{len(everything)} / {len(everything)}"

    owner = page.locator('select[data-filter="owner"] option').nth(2)
    name = owner.inner_text()
    page.select_option('select[data-filter="owner"]', owner.get_attribute("value"))
    rows = visible_rows(page)
    assert rows and all(row[2] == name for row in rows)
    assert len(rows) == sum(row[2] == name for row in everything)
    page.select_option('select[data-filter="owner"]', "")

    page.select_option('select[data-filter="severity"]', "s5")
    assert {row[0] for row in visible_rows(page)} == {"5"}
    page.select_option('select[data-filter="severity"]', "")
    web = page.locator('select[data-filter="channel"] option', has_text="Website")
    page.select_option('select[data-filter="channel"]', web.get_attribute("value"))
    assert all("Website" in row[6] for row in visible_rows(page))
    page.select_option('select[data-filter="channel"]', "")

    page.select_option("select[data-sort]", "map")
    maps = [row[3] for row in visible_rows(page)]
    assert maps == sorted(maps, key=str.casefold) and len(maps) == len(everything)
    page.select_option("select[data-sort]", "owner")
    owners = [row[2] for row in visible_rows(page) if row[2]]
    assert owners == sorted(owners, key=str.casefold)
    page.select_option("select[data-sort]", "severity")
    assert [int(r[0]) for r in visible_rows(page) if r[0].isdigit()] == sorted(
        (int(r[0]) for r in everything if r[0].isdigit()), reverse=True
    )
    assert requests == [backlog], requests


def test_a_backlog_item_links_to_its_place_on_the_map(site: Path, page: Page) -> None:
    page.goto((site / "backlog.html").as_uri())
    step = page.locator("table.backlog tbody tr").first.locator("td").nth(5).locator("a")
    href = step.get_attribute("href")
    assert href is not None and "#map-step-" in href
    step.click()
    page.wait_for_load_state()
    target = href.split("#", 1)[1]
    spot = page.locator(f"#{target}").bounding_box()
    view = page.locator(".viewport").bounding_box()
    assert spot is not None and view is not None
    assert view["x"] <= spot["x"] + spot["width"] / 2 <= view["x"] + view["width"]
