"""mgr progress --format html, rendered by Debian's headless chromium: the first year as one
self-contained page with a line chart per measure and the habits as a heat strip, readable on a
phone. One page (the demo team's three months), rendered once per check."""

import os
import re
import unittest

import headless_chromium as chromium
from mgr_harness import MgrTestCase

NOW = "2026-11-27T18:00"


class _Page(MgrTestCase):
    now = NOW

    def runTest(self):  # only used as a holder of the sandbox
        pass


class ProgressHtmlInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not chromium.available():
            raise AssertionError("chromium is not installed: run contrib/install-deps.sh")
        holder = _Page()
        holder.setUp()
        cls.holder = holder
        holder.run_mgr("demo", "--db", holder.db)
        cls.progress = holder.run_json("progress", "--format", "json")
        _, cls.source, _ = holder.run_mgr("progress", "--format", "html")
        cls.page = os.path.join(holder.tmp, "progress.html")
        with open(cls.page, "w", encoding="utf-8") as f:
            f.write(cls.source)
        cls.png = os.path.join(holder.tmp, "progress.png")
        cls.png_size = chromium.screenshot(cls.page, cls.png, 1000, 1800)
        cls.dom = chromium.Dom(chromium.dump_dom(cls.page))
        cls.phone = chromium.layout(cls.page, 375, 900)

    @classmethod
    def tearDownClass(cls):
        cls.holder.doCleanups()

    def test_a_screenshot_of_real_size(self):
        self.assertEqual(self.png_size, (1000, 1800))
        self.assertGreater(os.path.getsize(self.png), 40_000)

    def test_every_month_measure_and_sentence_is_on_the_page(self):
        text = self.dom.all_text()
        months = [m["month"] for m in self.progress["months"]]
        self.assertEqual(len(months), 3)
        for month in self.progress["months"]:
            self.assertIn(month["month"], text)
            if month["fit"] is not None:
                self.assertIn(str(month["fit"]), text)
        for sentence in self.progress["summary"]:
            self.assertIn(sentence, text)

    def test_a_line_chart_per_measure_and_a_heat_strip_of_habits(self):
        labels = [attrs["aria-label"] for tag, attrs in self.dom.tags
                  if tag == "svg" and attrs.get("role") == "img"]
        span = ", %s to %s" % (self.progress["months"][0]["month"],
                               self.progress["months"][-1]["month"])
        self.assertEqual(labels, [
            "1:1s held of those due" + span, "IC share of IC and management" + span,
            "Hours of learning" + span, "Promises kept on time" + span, "Self-check fit" + span,
            "Habit strength at each month's end" + span])
        svg_text = " | ".join(self.dom.svg_text)
        for habit in self.progress["months"][-1]["habits"]:
            self.assertIn(habit, svg_text)

    def test_self_contained_and_phone_wide(self):
        self.assertIsNone(re.search(r"\b(src|href)\s*=", self.source), "the page refers outside")
        self.assertEqual(self.dom.count("script"), 0)
        self.assertIn("default-src 'none'", self.source)
        self.assertEqual(self.phone["inner_width"], 375, self.phone)
        self.assertLessEqual(self.phone["scroll_width"], 375, self.phone)
        self.assertEqual(self.phone["too_wide"], [], self.phone)


if __name__ == "__main__":
    unittest.main()
