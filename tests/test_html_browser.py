"""The rank report in a real browser: headless Chromium (Debian's ``chromium``).

How: Chromium is started with ``--remote-debugging-pipe`` and driven over the DevTools
protocol with nothing but the standard library (JSON messages, each ended by a NUL byte,
written to the browser's fd 3 and read from its fd 4). That gives, for one page load:

* every console message and uncaught exception (``Runtime``), and every browser log entry
  (``Log``: failed loads, blocked content), so "no console errors" is checked directly
  rather than by scraping a log;
* every network request (``Network``): the page may load nothing but itself;
* the rendered DOM (``Runtime.evaluate``): the sections, and SVG charts with a real size;
* a screenshot, saved under the test's tmp_path, and the page printed to PDF on A4.

No selenium, no chromedriver, no websocket library. Where Chromium is not installed the
test skips and says so (``.ci/run`` installs it where it can).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")

POOL = EXAMPLES / "pool-2018"
Run = Callable[..., Any]
TIMEOUT = 60.0
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        pytest.skip(
            "headless Chromium is not installed (Debian: apt-get install chromium); "
            ".ci/run installs it where apt-get is available"
        )
    return found


class DevTools:
    """A Chromium process and a DevTools session over its debugging pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        log = os.open(profile.parent / "chromium.log", os.O_WRONLY | os.O_CREAT, 0o644)
        actions = [
            (os.POSIX_SPAWN_DUP2, to_browser_r, 3),
            (os.POSIX_SPAWN_DUP2, from_browser_w, 4),
            (os.POSIX_SPAWN_DUP2, log, 1),
            (os.POSIX_SPAWN_DUP2, log, 2),
        ]
        argv = [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        # A session of its own, so that the browser and its helpers can be ended together.
        self.pid = os.posix_spawn(binary, argv, dict(os.environ), file_actions=actions, setsid=True)
        for fd in (to_browser_r, from_browser_w, log):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, browser_level: bool = False
    ) -> Any:
        """Send a command (to the page's session unless ``browser_level``) and return its
        result; events that arrive meanwhile are kept in ``events``."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not browser_level:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._receive()
            if event.get("method") == method:
                return event

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:
            self.events.append(message)
        return message

    def close(self) -> None:
        # The browser may close the pipe before it answers.
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):
            self.send("Browser.close", browser_level=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.1)
        else:
            os.killpg(self.pid, signal.SIGKILL)  # our own process group, by its id
            os.waitpid(self.pid, 0)
        os.close(self._to_browser)
        os.close(self._from_browser)


def load(
    binary: str, page: Path, profile: Path, *, width: int = 1200, mobile: bool = False
) -> tuple[DevTools, dict[str, Any]]:
    """Open ``page`` in a window ``width`` CSS pixels wide and wait until it has loaded;
    the caller closes the browser."""
    browser = DevTools(binary, profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        browser.session = attached["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.send(f"{domain}.enable")
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 2000, "deviceScaleFactor": 1, "mobile": mobile},
        )
        browser.send("Page.navigate", {"url": page.as_uri()})
        browser.wait_for("Page.loadEventFired")
        dom = browser.send("Runtime.evaluate", {"expression": DOM_PROBE, "returnByValue": True})
        return browser, dom["result"]["value"]
    except BaseException:
        browser.close()
        raise


DOM_PROBE = """(() => {
  const size = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  return {
    title: document.title,
    lang: document.documentElement.lang,
    sections: [...document.querySelectorAll('section[id]')].map(s => s.id),
    headings: [...document.querySelectorAll('h2')].map(h => h.textContent.trim()),
    charts: [...document.querySelectorAll('svg.chart')].map(svg => ({
      size: size(svg),
      shapes: svg.querySelectorAll('path, use, rect').length,
      texts: [...svg.querySelectorAll('text')].map(t => t.textContent),
    })),
    links: [...document.querySelectorAll('[src], [href]')]
      .map(e => e.getAttribute('src') || e.getAttribute('href')),
    scripts: document.scripts.length,
    cohortRows: [...document.querySelectorAll('#cohort-2018 tbody tr')].length,
    bodyHeight: document.body.scrollHeight,
    pageWidth: document.documentElement.scrollWidth,
    viewWidth: document.documentElement.clientWidth,
  };
})()"""


def problems(browser: DevTools) -> list[str]:
    """Console errors and warnings, uncaught exceptions and browser log errors."""
    found = []
    for event in browser.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append(f"uncaught: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning"):
            found.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
    return found


def requests(browser: DevTools) -> list[str]:
    return [
        e["params"]["request"]["url"]
        for e in browser.events
        if e["method"] == "Network.requestWillBeSent"
    ]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [v for k, v in attrs if k in ("src", "href") and v is not None]


# --- the tests --------------------------------------------------------------------------------


def test_rank_report_renders_in_chromium(run: Run, tmp_path: Path) -> None:
    binary = chromium_binary()
    report = tmp_path / "r.html"
    result = run("rank", POOL, "--format", "html", "-o", report)
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")

    # No src or href may point outside the file (http:, https:, protocol-relative //, ...).
    parser = _Links()
    parser.feed(text)
    external = [u for u in parser.links if re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", u, re.I)]
    assert external == [], external

    browser, dom = load(binary, report, tmp_path / "profile")
    try:
        shot = browser.send("Page.captureScreenshot", {"format": "png"})
        pdf = browser.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        assert problems(browser) == []
        assert requests(browser) == [report.as_uri()]  # the page itself, nothing else
    finally:
        browser.close()

    screenshot = tmp_path / "rank-report.png"
    screenshot.write_bytes(base64.b64decode(shot["data"]))
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 20_000

    assert dom["lang"] == "en" and dom["title"].startswith("Ranking: Gerakan Menuju 100")
    assert dom["scripts"] == 0
    for section in (
        "summary",
        "ranking-chart",
        "cohort-2017",
        "cohort-2018",
        "cohort-2019",
        "not-selected",
        "ineligible",
        "ties",
        "criteria-note",
    ):
        assert section in dom["sections"]
    assert dom["cohortRows"] == 50
    (chart,) = dom["charts"]
    width, height = chart["size"]
    assert width > 600 and height > 400  # drawn at a real size, not collapsed
    assert chart["shapes"] > 100  # the bars
    assert "cut-off 2017: 76.47" in chart["texts"]
    assert all(link.startswith("#") for link in dom["links"])

    document = base64.b64decode(pdf["data"])
    pages = len(re.findall(rb"/Type\s*/Page[^s]", document))
    assert pages >= 3
    sizes = {
        tuple(round(float(x)) for x in box.split())
        for box in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+\s+[\d.]+)\s*\]", document)
    }
    assert sizes == {(595, 842)}  # A4 in points, from the page's @page rule


@pytest.mark.parametrize(
    "args",
    [
        ("rank", POOL, "--max-per-province", "3"),
        ("score", EXAMPLES / "indramayu-2018.yaml"),
        ("sensitivity", POOL, "--runs", "50"),
        ("explain", POOL / "18-04-kabupaten-lampung-barat.yaml", "--pool", POOL),
        ("explain", POOL / "33-25-kabupaten-batang.yaml", "--lang", "id"),
    ],
    ids=["rank", "score", "sensitivity", "explain-pool", "explain-bands-id"],
)
def test_no_page_scrolls_sideways_at_phone_width(
    run: Run, tmp_path: Path, args: tuple[Any, ...]
) -> None:
    binary = chromium_binary()
    report = tmp_path / "page.html"
    result = run(*args, "--format", "html", "-o", report)
    assert result.exit_code == 0, result.output
    browser, dom = load(binary, report, tmp_path / "profile", width=360, mobile=True)
    browser.close()
    assert dom["viewWidth"] == 360
    assert dom["pageWidth"] <= dom["viewWidth"], dom["pageWidth"]  # wide tables scroll alone


def test_the_harness_sees_errors_and_fetches(tmp_path: Path) -> None:
    """The checks above are not vacuous: a page with a script error, a console error and an
    external image is caught on all three counts."""
    binary = chromium_binary()
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><body><p>bad</p>"
        '<img src="http://example.invalid/x.png">'
        "<script>console.error('boom'); throw new Error('uncaught on purpose');</script>"
        "</body></html>",
        encoding="utf-8",
    )
    browser, _ = load(binary, bad, tmp_path / "profile")
    try:
        time.sleep(0.5)  # let the failed image load be logged
        browser.send("Runtime.evaluate", {"expression": "1"})  # flush pending events
        found = problems(browser)
        fetched = requests(browser)
    finally:
        browser.close()
    assert any("uncaught" in p for p in found), found
    assert any("console.error" in p and "boom" in p for p in found), found
    assert "http://example.invalid/x.png" in fetched


def test_decision_record_prints_to_a4(run: Run, tmp_path: Path) -> None:
    """``assess record`` printed by Chromium itself (``--print-to-pdf``, as a user would
    from the command line): A4 pages, a handful of them, the signatures on the last."""
    binary = chromium_binary()
    record = tmp_path / "berita-acara.html"
    result = run(
        "decision-record",
        POOL,
        "--cohorts",
        "2018:50",
        "--overrides",
        EXAMPLES / "pool-2018-overrides.yaml",
        "--override-zone",
        "1",
        "--panel",
        "Dewi Lestari, ketua panel",
        "--panel",
        "Budi Santoso, anggota",
        "--date",
        "2018-03-12",
        "-o",
        record,
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "berita-acara.pdf"
    argv = [
        binary,
        *(f for f in FLAGS if f != "--remote-debugging-pipe"),
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        record.as_uri(),
    ]
    done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    document = pdf.read_bytes()
    assert document.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", document))
    assert 3 <= pages <= 12, pages  # 160 inputs, 50 regions and the rest: 9 pages today
    sizes = {
        tuple(round(float(x)) for x in box.split())
        for box in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+\s+[\d.]+)\s*\]", document)
    }
    assert sizes == {(595, 842)}  # A4 in points, from the record's @page rule
