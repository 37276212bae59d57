"""The dashboard page: it loads, uses only files shipped in the package, and builds no HTML from data."""

from __future__ import annotations

import re
from pathlib import Path

import accordia.serve

STATIC = Path(accordia.serve.__file__).resolve().parent / "static"
TEMPLATES = Path(accordia.serve.__file__).resolve().parent / "templates"
# Identifiers that look like URLs but are never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg"}
# A scheme-qualified URL, or a protocol-relative one opening a string or url(...).
URL = re.compile(r"(?:https?:|(?<=[\"'`(]))//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'`)]*")


def _shipped_text() -> dict[str, str]:
    files = [*STATIC.glob("*.js"), *STATIC.glob("*.css"), *TEMPLATES.glob("*.html")]
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def test_dashboard_page_loads_with_its_script_and_styles(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert 'src="static/app.js' in html and 'href="static/app.css' in html
    for panel in ("map", "timeline", "evidence", "tabs", "changes", "article-view", "issue", "asof"):
        assert f'id="{panel}"' in html


def test_page_references_are_all_local(client):
    html = client.get("/").text
    for ref in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert not ref.startswith(("http:", "https:", "//")), ref


def test_no_file_names_another_host():
    for name, text in _shipped_text().items():
        found = {u for u in URL.findall(text) if u not in NAMESPACES}
        assert not found, f"{name} names other hosts: {found}"


def test_static_files_are_served(client):
    for path in sorted(STATIC.glob("*.js")) + sorted(STATIC.glob("*.css")):
        response = client.get(f"/static/{path.name}")
        assert response.status_code == 200, path.name
        kind = "javascript" if path.suffix == ".js" else "css"
        assert kind in response.headers["content-type"]


def test_every_module_import_is_a_shipped_file():
    for path in STATIC.glob("*.js"):
        for target in re.findall(r'^import .* from "([^"]+)";', path.read_text(encoding="utf-8"), re.M):
            assert target.startswith("./"), f"{path.name} imports {target}"
            assert (STATIC / target[2:]).is_file(), f"{path.name} imports missing {target}"


def test_scripts_never_parse_strings_as_html():
    for path in STATIC.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, f"{path.name} uses {sink}"


def test_element_ids_the_scripts_use_exist_in_the_page():
    html = (TEMPLATES / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    for path in STATIC.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        wanted = set(re.findall(r'\$\("([^"]+)"\)', text))
        wanted |= set(re.findall(r'querySelector\("#([\w-]+)"\)', text))
        assert wanted <= ids, f"{path.name} looks for missing ids {wanted - ids}"


def test_page_carries_no_article_data(client, kb):
    html = client.get("/").text
    for article in kb.articles():
        assert article["title"] not in html


def test_page_is_sent_with_a_policy_that_blocks_inline_and_remote_scripts(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy


def test_contested_stripes_pattern_is_defined_where_the_styles_point():
    html = (TEMPLATES / "index.html").read_text(encoding="utf-8")
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    assert "url(#stripes)" in css and 'id="stripes"' in html
