"""mgr review --format html, rendered by Debian's headless chromium: a screenshot of real size,
the DOM holding every flag and every person, stored text shown as text (never as markup), a
phone-wide viewport with nothing wider than the screen, and a print to PDF. One page, rendered
once per check."""

import os
import re
import unittest

import headless_chromium as chromium
from mgr_harness import MgrTestCase

NOW = "2026-11-27T18:00"  # a Friday, the review day
SCRIPT = "<script>alert(1)</script>"
TAG_IN_NAME = '<img src=x onerror="alert(2)">'


class _Page(MgrTestCase):
    """Builds the demo team plus a few hostile texts, and writes the HTML review of its week."""

    now = NOW

    def runTest(self):  # only used as a holder of the sandbox
        pass


class ReviewHtmlInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not chromium.available():
            raise AssertionError("chromium is not installed: run contrib/install-deps.sh")
        holder = _Page()
        holder.setUp()
        cls.holder = holder
        holder.run_mgr("demo", "--db", holder.db)
        # A delegation whose outcome is a script, a person whose name is markup, and a 1:1
        # with a note that is a script: the review quotes the first two.
        holder.run_mgr("log", "delegate", "alice", SCRIPT, "--due", "2026-12-04")
        holder.run_mgr("person", "add", "zed", "--name", TAG_IN_NAME, "--since", "2026-11-02",
                       "--day", "mon")
        holder.run_mgr("log", "1on1", "zed", SCRIPT, "--date", "2026-11-09")
        holder.run_mgr("log", "1on1", "zed", "--cancelled", "--date", "2026-11-16")
        cls.review = holder.run_json("review", "--format", "json")
        cls.page = os.path.join(holder.tmp, "review.html")
        holder.run_mgr("review", "--format", "html", "--output", cls.page)
        with open(cls.page, encoding="utf-8") as f:
            cls.source = f.read()
        cls.png = os.path.join(holder.tmp, "review.png")
        cls.png_size = chromium.screenshot(cls.page, cls.png, 1000, 2400)
        cls.dom = chromium.Dom(chromium.dump_dom(cls.page))
        cls.phone = chromium.layout(cls.page, 375, 900)
        cls.pdf_pages = chromium.print_to_pdf(cls.page, os.path.join(holder.tmp, "review.pdf"))

    @classmethod
    def tearDownClass(cls):
        cls.holder.doCleanups()

    def test_a_screenshot_of_real_size(self):
        self.assertEqual(self.png_size, (1000, 2400))
        # A blank page compresses to a few kilobytes; text, tables and charts do not.
        self.assertGreater(os.path.getsize(self.png), 60_000)

    def test_the_rendered_page_holds_every_flag_and_person(self):
        text = self.dom.all_text()
        self.assertGreaterEqual(len(self.review["flags"]), 3, self.review["flags"])
        for flag in self.review["flags"]:
            self.assertIn(flag["title"], text)
            self.assertIn(flag["id"], text)
            self.assertIn(flag["fix"], text)
        people = [row["person"] for row in self.review["one_on_ones"]]
        self.assertIn("zed", people)
        grid = set(self.dom.svg_text)
        for person in people:
            self.assertIn(person, text)
            self.assertIn(person, grid, "%s is not in the 1:1 grid" % person)
        self.assertIn("Weekly review 2026-W48", text)

    def test_two_charts_of_eight_weeks(self):
        charts = [attrs for tag, attrs in self.dom.tags
                  if tag == "svg" and "chart" in attrs.get("class", "").split()
                  and attrs.get("role") == "img"]
        labels = [attrs["aria-label"] for attrs in charts]
        self.assertEqual(len(charts), 2, labels)
        self.assertTrue(labels[0].startswith("1:1s held, cancelled and missed per person, "
                                             "2026-W41 to 2026-W48"), labels)
        self.assertTrue(labels[1].startswith("Hours of IC, management and learning per week, "
                                             "2026-W41 to 2026-W48"), labels)
        for week in range(41, 49):
            self.assertIn("W%d" % week, self.dom.svg_text)
        # zed: held in W46, cancelled (and so missed) in W47, as the tooltips say.
        titles = " | ".join(self.dom.svg_text)
        self.assertIn("zed, 2026-W46: 1 held, 0 cancelled, 0 missed", titles)
        self.assertIn("zed, 2026-W47: 0 held, 1 cancelled, 1 missed", titles)
        self.assertRegex(titles, r"IC, W48: \d+(\.\d+)? h")

    def test_stored_markup_is_shown_as_text(self):
        self.assertIn(SCRIPT, self.dom.all_text())
        self.assertEqual(self.dom.count("script"), 0)
        self.assertEqual(self.dom.count("img"), 0)
        self.assertNotIn("<script", self.source)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", self.source)

    def test_self_contained_no_script_no_request(self):
        self.assertIsNone(re.search(r"\b(src|href)\s*=", self.source), "the page refers outside")
        self.assertIn("default-src 'none'", self.source)
        self.assertNotIn("url(", self.source)

    def test_a_phone_wide_viewport_has_nothing_wider_than_the_screen(self):
        self.assertEqual(self.phone["inner_width"], 375, self.phone)
        self.assertLessEqual(self.phone["scroll_width"], 375, self.phone)
        self.assertEqual(self.phone["too_wide"], [], self.phone)

    def test_printable(self):
        self.assertRegex(self.source, r"@media print\{")
        self.assertIn("break-inside:avoid", self.source)
        # Flags, tables and both charts take a few pages of paper, not one and not dozens.
        self.assertGreaterEqual(self.pdf_pages, 2)
        self.assertLessEqual(self.pdf_pages, 12)


if __name__ == "__main__":
    unittest.main()
