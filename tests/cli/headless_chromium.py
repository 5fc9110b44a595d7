"""Debian's chromium, headless, for the tests of mgr's HTML pages: a screenshot, the DOM after
rendering, and a layout probe that reports what is wider than a phone's viewport.

Each call starts one browser with a fresh profile folder and no network use of its own.
"""

import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
from html import escape as html_escape
from html import unescape as html_unescape
from html.parser import HTMLParser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--hide-scrollbars"]


def available():
    return os.access(CHROMIUM, os.X_OK)


def _run(page, width, height, *extra, timeout=90):
    profile = tempfile.mkdtemp(prefix="mgr-chromium-")
    try:
        proc = subprocess.run(
            [CHROMIUM, *FLAGS, "--user-data-dir=" + profile,
             "--window-size=%d,%d" % (width, height), *extra, "file://" + os.path.abspath(page)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
            env=dict(os.environ, HOME=profile))
    finally:
        shutil.rmtree(profile, True)
    if proc.returncode != 0:
        raise AssertionError("chromium failed (%d): %s" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace")[-2000:]))
    return proc.stdout.decode("utf-8", "replace")


def screenshot(page, png, width=1000, height=2400):
    """Renders `page` into the PNG file `png`; returns its (width, height) in pixels."""
    _run(page, width, height, "--screenshot=" + os.path.abspath(png))
    with open(png, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("not a PNG: %r" % header[:8])
    return struct.unpack(">II", header[16:24])


def print_to_pdf(page, pdf):
    """Prints `page` as chromium prints it on paper (A4/Letter, print styles); returns the
    number of pages of the PDF file `pdf`."""
    _run(page, 800, 1200, "--print-to-pdf=" + os.path.abspath(pdf), "--no-pdf-header-footer")
    with open(pdf, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        raise AssertionError("not a PDF: %r" % data[:8])
    return len(re.findall(rb"/Type\s*/Page\b", data))


def dump_dom(page, width=800, height=1200):
    """The DOM as chromium serialises it after rendering `page`."""
    return _run(page, width, height, "--dump-dom")


# The page goes into a frame exactly `width` pixels wide (a browser window cannot be made as
# narrow as a phone), as its own document with its own policy; the frame's viewport is then a
# phone's, media queries included. The wrapper's script measures it once everything loaded and
# writes the result into the wrapper, where --dump-dom shows it.
_PROBE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style>
</head><body><iframe id="page" width="%(width)d" height="%(height)d" srcdoc="%(srcdoc)s"></iframe>
<script>
window.addEventListener("load", () => {
  const inner = document.getElementById("page").contentWindow;
  const root = inner.document.documentElement;
  const limit = root.clientWidth;
  const wide = [];
  for (const element of inner.document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > limit + 0.5)
      wide.push(element.tagName + " " + Math.round(box.right) + " " +
                (element.textContent || "").trim().slice(0, 40));
  }
  const result = document.createElement("pre");
  result.id = "layout-probe";
  result.textContent = JSON.stringify({inner_width: inner.innerWidth,
                                       client_width: limit,
                                       scroll_width: root.scrollWidth,
                                       too_wide: wide.slice(0, 20)});
  document.body.appendChild(result);
});
</script></body></html>
"""


def layout(page, width=375, height=900):
    """{inner_width, client_width, scroll_width, too_wide} of `page` in a viewport `width`
    pixels wide; `too_wide` lists elements whose right edge is past the viewport."""
    with open(page, encoding="utf-8") as f:
        markup = f.read()
    probe = page + ".probe.html"
    with open(probe, "w", encoding="utf-8") as f:
        f.write(_PROBE % {"width": width, "height": height,
                          "srcdoc": html_escape(markup, quote=True)})
    try:
        dom = dump_dom(probe, max(width, 800), height + 400)
    finally:
        os.unlink(probe)
    found = re.search(r'<pre id="layout-probe">(.*?)</pre>', dom, re.S)
    if not found:
        raise AssertionError("the layout probe did not run:\n" + dom[-2000:])
    return json.loads(html_unescape(found.group(1)))


class Dom(HTMLParser):
    """The parts of a dumped DOM the tests look at: the visible text of the body, every element
    by tag (with its attributes), and the text of SVG <text> and <title> elements."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs) in document order
        self.text = []  # every text node, in order
        self.svg_text = []
        self._open = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop() == tag:
                break

    def handle_data(self, data):
        inside = self._open[-1] if self._open else ""
        if inside in ("style", "script"):
            return
        self.text.append(data)
        if inside in ("text", "title") and "svg" in self._open:
            self.svg_text.append(data)

    def count(self, tag):
        return sum(1 for name, _ in self.tags if name == tag)

    def all_text(self):
        return "".join(self.text)
