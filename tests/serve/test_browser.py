"""The real dashboard on the sample corpus, driven in headless Chromium (Debian's, through Playwright).

Each test saves screenshots under its tmp path and copies the key ones to $ACCORDIA_SCREENS (default
/work/screens-9 when that folder exists), so a person can look at what the assertions claim.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "browser-test-token"

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (the dev extra)")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium (apt-get install chromium)"),
]


def _screens_home() -> Path | None:
    given = os.environ.get("ACCORDIA_SCREENS")
    if given:
        return Path(given)
    default = Path("/work/screens-9")
    return default if default.is_dir() else None


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus ingested once with the real extractor."""
    from accordia.api import Accordia
    from accordia.cli import sample_files

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Accordia.open(str(path)) as kb:
        kb.ingest(*sample_files())
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A dashboard on a private copy of the sample store (tests write to it), with a write token."""
    import uvicorn

    from accordia.api import Accordia
    from accordia.serve.app import create_app

    monkeypatch.setenv("ACCORDIA_TOKEN", TOKEN)
    copy = tmp_path / "kb.db"
    shutil.copy(sample_db, copy)
    kb = Accordia.open(str(copy))
    port = _free_port()
    config = uvicorn.Config(create_app(kb), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    running.should_exit = True
    thread.join(timeout=10)
    kb.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One browser for this module's tests. Playwright's sync API keeps an event loop running in
    this thread while it is open, so it is closed before other modules' tests (asyncio.run) run."""
    with sync_api.sync_playwright() as play:
        launched = play.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Iterator[object]:
    folder = tmp_path / "screens"
    folder.mkdir()
    home = _screens_home()

    def take(page, name: str, *, full: bool = False) -> Path:
        target = folder / f"{name}.png"
        if hasattr(page, "goto"):
            page.screenshot(path=str(target), full_page=full)
        else:  # a locator: just that element
            page.screenshot(path=str(target))
        if home is not None:
            home.mkdir(parents=True, exist_ok=True)
            shutil.copy(target, home / target.name)
        return target

    yield take


def _open(browser, url: str, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("#map .country", timeout=20_000)
    page.wait_for_selector("#changes .change-group", timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.errors = errors
    return page


def _overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_review_round_trip_reject_changes_the_analyses_and_undo_restores(server, browser, shots) -> None:
    # Slovakia's move on sanctions ("no longer opposes") is the sample's reversal of confirmed facts
    page = _open(browser, f"{server}#issue=russia-sanctions&as_of=2025-07-31", 1400, 900)
    reversal = page.locator("#reversals li.change", has_text="Slovakia")
    assert reversal.count() == 1, "Slovakia's move on sanctions is a reversal"
    assert "stance-support" in page.locator("#map path.country[data-id='SVK']").first.get_attribute("class")
    page.click("#review-toggle")
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    page.wait_for_selector("#review-queue li.cite", timeout=20_000)
    first = page.locator("#review-queue li.cite").first.inner_text()
    assert "behind a collision" in first or "behind a change" in first, "the queue starts with consequential facts"
    reversal.locator("summary").click()
    review = reversal.locator("li.cite").last.locator(".review")
    handle = review.get_attribute("data-fact")
    assert handle and handle.startswith("positions:")
    shots(page, "review-1-before-reject")
    page.locator("#map-heading").scroll_into_view_if_needed()
    shots(page, "review-1-before-reject-map")
    reversal.scroll_into_view_if_needed()
    review.locator(".rv-reject").click()
    page.wait_for_function("() => !document.querySelector('#reversals').textContent.includes('Slovakia')",
                           timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert "stance-support" not in page.locator("#map path.country[data-id='SVK']").first.get_attribute("class")
    page.locator("#changes-heading").scroll_into_view_if_needed()
    shots(page, "review-2-after-reject-changes")
    page.locator("#map-heading").scroll_into_view_if_needed()
    shots(page, "review-2-after-reject-map")

    page.check("#f-raw")
    page.wait_for_function("() => document.querySelector('#reversals').textContent.includes('Slovakia')",
                           timeout=20_000)
    page.wait_for_load_state("networkidle")
    raw_reversal = page.locator("#reversals li.change", has_text="Slovakia")
    raw_reversal.locator("summary").click()
    rejected = raw_reversal.locator(f".review[data-fact='{handle}']")
    rejected.wait_for(timeout=20_000)
    assert "rejected" in rejected.inner_text(), "the machine's view shows the fact, marked rejected"
    shots(page, "review-3-machine-view-shows-rejected")
    rejected.locator(".rv-undo").click()
    page.wait_for_function(
        f"() => document.querySelector(\".review[data-fact='{handle}'] .st-confirmed\") !== null", timeout=20_000)
    page.uncheck("#f-raw")
    page.wait_for_function("() => document.querySelector('#reversals').textContent.includes('Slovakia')",
                           timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert "stance-support" in page.locator("#map path.country[data-id='SVK']").first.get_attribute("class")
    assert page.errors == []
    page.close()


def test_evidence_panel_never_covers_the_timeline_or_changes_at_1400(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force&actor=FRA", 1400, 900)
    shots(page, "layout-1400-top")
    for target in ("#timeline-heading", "#changes-heading"):
        page.locator(target).scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        evidence = page.locator(".evidence-card").bounding_box()
        for card in (".timeline-card", ".changes-card"):
            box = page.locator(card).bounding_box()
            visible = box["y"] < 900 and box["y"] + box["height"] > 0
            assert not (visible and _overlap(evidence, box)), f"evidence panel covers {card}"
    header = page.locator("header.top").bounding_box()
    assert header["height"] < 100, "at 1400 px the header is one row"
    shots(page, "layout-1400-scrolled-to-changes")
    page.close()


def test_article_view_keeps_its_title_source_link_and_close_in_view(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force", 1400, 560)
    article = page.evaluate("() => fetch('api/articles').then(r => r.json()).then(b => b.rows)")
    longest = max(article, key=lambda a: a.get("path", "") and len(a["path"]))["id"]
    body = page.evaluate(f"() => fetch('api/articles/{longest}').then(r => r.json())")
    last = body["spans"][-1]
    page.evaluate(f"() => {{ location.hash = 'article={longest}&span={last['start']}-{last['end']}'; }}")
    page.wait_for_selector("#article-text mark.focus", timeout=20_000)
    page.wait_for_timeout(300)
    for part in ("#article-title", "#article-meta", "#article-close"):
        box = page.locator(part).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 560, f"{part} scrolled away"
    focus = page.locator("#article-text mark.focus").bounding_box()
    assert 0 <= focus["y"] <= 560
    shots(page, "article-view-head-stays")
    page.close()


def test_phone_width_header_is_compact_and_map_labels_readable(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force", 390, 844)
    header = page.locator("header.top").bounding_box()
    assert header["height"] <= 0.2 * 844, f"header is {header['height']:.0f}px of 844"
    sizes = page.evaluate("() => [...document.querySelectorAll('#map .code')]"
                          ".map(t => t.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 8, f"smallest map label is {min(sizes):.1f}px tall"
    assert page.locator("#map path.country").count() > 100, "country outlines are drawn"
    shots(page, "phone-390")
    page.close()


def test_map_outlines_search_and_filters_drive_every_view(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force", 1400, 900)
    shots(page, "map-outlines-1400")
    page.fill("#f-q", "ceasefire")
    page.wait_for_selector("#search-card:not([hidden]) #search li.cite", timeout=20_000)
    quotes = page.locator("#search li.cite blockquote").all_inner_texts()
    assert quotes and all("ceasefire" in q.lower() for q in quotes)
    shots(page, "search-ceasefire")
    page.fill("#f-q", "")
    page.select_option("#f-stance", "oppose")
    page.wait_for_function("() => document.querySelector('#legend').textContent.includes('support 0')", timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => { const cells = [...document.querySelectorAll('#matrix .cell')];"
                           " return cells.length > 0 && cells.every(c => c.classList.contains('stance-oppose')); }",
                           timeout=20_000)
    download = page.get_attribute("#dl-csv", "href")
    assert "stance=oppose" in download
    csv = page.evaluate(f"() => fetch('{download}').then(r => r.text())")
    rows = [line for line in csv.strip().splitlines()[1:] if line]
    assert rows and all(",oppose," in line for line in rows)
    shots(page, "filters-oppose", full=True)
    page.close()


def test_briefing_page_cites_every_line(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force&as_of=2025-12-19", 1400, 900)
    page.select_option("#since", "90")
    with page.expect_popup() as popup:
        page.click("#brief-link")
    brief = popup.value
    brief.wait_for_load_state()
    text = brief.inner_text("body")
    assert "What changed" in text and "Open collisions" in text and "Veto players" in text
    assert brief.locator("li > ol.c > li q").count() >= 3
    shots(brief, "briefing", full=True)
    pdf = page.evaluate("() => fetch(document.querySelector('#brief-pdf').href).then(r => r.arrayBuffer())"
                        ".then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))")
    assert pdf == "%PDF-", "the PDF button gives a PDF"
    page.close()


def test_what_if_from_the_url_is_drawn_on_the_map_and_actor_panel_shows_profile(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force&whatif=ITA:reassurance-force:support", 1400, 900)
    italy = page.locator("#map path.country[data-id='ITA']").first.get_attribute("class")
    assert "stance-support" in italy and "whatif" in italy, "the override colours Italy, marked as what-if"
    assert "whatif=ITA" in page.url
    shots(page.locator(".map-card"), "what-if-on-map")
    page.goto(f"{server}#issue=reassurance-force&actor=RUS")
    page.reload()
    page.wait_for_selector(".profile-box h4", timeout=20_000)
    headings = page.locator(".profile-box h4").all_inner_texts()
    assert {"RED LINES", "PEOPLE"} <= {h.upper() for h in headings}
    page.locator(".profile-box h4").first.scroll_into_view_if_needed()
    shots(page.locator(".evidence-card"), "actor-panel-red-lines-pledges-people")
    page.close()


SELECT_WORDS = """(words) => {
  const box = document.querySelector('#article-text');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let offset = 0, node, start = null, end = null;
  const full = box.textContent, at = full.indexOf(words);
  if (at < 0) return false;
  while ((node = walker.nextNode())) {
    const len = node.textContent.length;
    if (start === null && at < offset + len) start = [node, at - offset];
    if (start !== null && at + words.length <= offset + len) { end = [node, at + words.length - offset]; break; }
    offset += len;
  }
  const range = document.createRange();
  range.setStart(...start); range.setEnd(...end);
  const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
  return true;
}"""


def test_add_a_missed_fact_from_a_selection_and_correct_one(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force", 1400, 900)
    page.click("#review-toggle")
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    rows = page.evaluate("() => fetch('api/articles').then(r => r.json()).then(b => b.rows)")
    paris = next(r["id"] for r in rows if "s001" in (r.get("path") or ""))
    page.evaluate(f"() => {{ location.hash = 'article={paris}'; }}")
    page.wait_for_selector("#article-facts .add-fact", timeout=20_000)
    words = "Britain was prepared to send its own soldiers to Ukraine"
    assert page.evaluate(SELECT_WORDS, words)
    form = page.locator("#article-facts .add-fact")
    form.locator("select[name=type]").select_option("commitments")
    form.locator("input[name=actor]").fill("United Kingdom")
    form.locator("select[name=issue]").select_option("reassurance-force")
    form.locator("select[name=kind]").select_option("training")
    form.locator("button[type=submit]").click()
    added = []
    for _ in range(100):  # the article view reloads once the fact is stored
        profile = page.evaluate("() => fetch('api/actors/GBR').then(r => r.json())")
        added = [c for c in profile["commitments"] if c["kind"] == "training"]
        if added:
            break
        page.wait_for_timeout(200)
    page.wait_for_selector("#article-facts .add-fact", timeout=20_000)
    assert added and added[0]["status"] == "added" and added[0]["evidence"]["sentence"] == words
    shots(page, "article-add-fact-from-selection")

    fact = page.locator("#article-facts .review[data-fact^='positions:']").first
    handle = fact.get_attribute("data-fact")
    fact.locator(".rv-correct").click()
    fact.locator("form.correct-form select[name=stance]").select_option("conditional")
    fact.locator("form.correct-form input[name=comment]").fill("a precondition follows")
    fact.locator("form.correct-form button[type=submit]").click()
    detail: dict = {}
    for _ in range(100):
        detail = page.evaluate(f"() => fetch('api/facts/{handle}').then(r => r.json())")
        if detail["status"] == "corrected":
            break
        page.wait_for_timeout(200)
    assert detail["status"] == "corrected"
    page.wait_for_selector("#article-facts .st-corrected", timeout=20_000)
    assert detail["decisions"][-1]["comment"] == "a precondition follows"
    assert len(detail["versions"]) == 2, "the original stays beside the correction"
    shots(page, "article-correct-fact")
    page.close()


def test_peace_plan_collision_card_quotes_the_plans_own_wording(server, browser, shots) -> None:
    page = _open(browser, f"{server}#issue=reassurance-force&tab=collisions", 1400, 900)
    card = page.locator("#analysis .result", has_text="provision-bars").first
    card.wait_for(timeout=20_000)
    text = card.inner_text()
    assert "28-point plan" in text and "ruled out any NATO presence" in text
    assert "no peace agreement would hold" not in text, "a sentence that is not the plan's wording"
    card.scroll_into_view_if_needed()
    shots(card, "collision-card-peace-plan-wording")
    page.close()
