#include <catch2/catch.hpp>

#include <string>

#include "cli/html.hpp"

using namespace mgr::cli;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++found;
  return found;
}

}  // namespace

TEST_CASE("html::escape makes any text safe inside an element or a quoted attribute", "[html]") {
  CHECK(html::escape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(html::escape("plain text, Zoë 李") == "plain text, Zoë 李");
  // Control characters and bidirectional overrides are shown escaped, as on the terminal.
  CHECK(html::escape("a\x1b[31mb") == "a\\x1b[31mb");
  CHECK(html::escape("x\u202Ey") == "x\\u202ey");
}

TEST_CASE("html::number writes at most the decimals asked, without trailing zeros", "[html]") {
  CHECK(html::number(12.5) == "12.5");
  CHECK(html::number(3.0) == "3");
  CHECK(html::number(-0.04) == "0");
  CHECK(html::number(-0.25, 2) == "-0.25");
  CHECK(html::number(1.0 / 3, 2) == "0.33");
}

TEST_CASE("html::page is one document with the policy, the escaped title and the body", "[html]") {
  const auto page = html::page("Review <W48>", "<p>body</p>\n", ".extra{color:red}");
  CHECK(page.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(page.find("<title>Review &lt;W48&gt;</title>") != std::string::npos);
  CHECK(page.find("default-src 'none'") != std::string::npos);
  CHECK(page.find(".extra{color:red}</style>") != std::string::npos);
  CHECK(page.find("<main>\n<p>body</p>\n</main>") != std::string::npos);
  CHECK(page.find("@media print") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("html::table labels each cell for the narrow layout, escaping the headers", "[html]") {
  const auto table = html::table({{"per<son"}, {"held", true}}, {{"alice", "3"}});
  CHECK(table.find("<th>per&lt;son</th><th class=\"num\">held</th>") != std::string::npos);
  CHECK(table.find("<td data-label=\"per&lt;son\">alice</td>") != std::string::npos);
  CHECK(table.find("<td class=\"num\" data-label=\"held\">3</td>") != std::string::npos);
}

TEST_CASE("a bar chart has a bar per value, a round scale, a legend and escaped names", "[html]") {
  html::Chart chart;
  chart.title = "Hours <per> week";
  chart.unit = "h";
  chart.labels = {"W47", "W48"};
  chart.series = {{"IC", {2.0, 7.0}}, {"<learn>", {std::nullopt, 1.5}}};
  const auto svg = html::bar_chart(chart);
  CHECK(count(svg, "<rect ") == 3);                   // no bar where there is no value
  CHECK(svg.find(">8</text>") != std::string::npos);  // 7 rounds up to a scale of 0, 2, ... 8
  CHECK(svg.find(">10</text>") == std::string::npos);
  CHECK(svg.find("<title>IC, W48: 7 h</title>") != std::string::npos);
  CHECK(svg.find("&lt;learn&gt;") != std::string::npos);
  CHECK(svg.find("<learn>") == std::string::npos);
  CHECK(svg.find("aria-label=\"Hours &lt;per&gt; week\"") != std::string::npos);
  CHECK(count(svg, "<li>") == 2);
}

TEST_CASE("a line chart breaks where a value is missing", "[html]") {
  html::Chart chart;
  chart.title = "Share";
  chart.labels = {"Jan", "Feb", "Mar", "Apr", "May"};
  chart.series = {{"held", {0.5, 0.75, std::nullopt, 1.0, 0.25}}};
  chart.y_max = 1.0;
  const auto svg = html::line_chart(chart);
  CHECK(count(svg, "<polyline") == 2);
  CHECK(count(svg, "<circle") == 4);
  CHECK(svg.find(">1</text>") != std::string::npos);
}

TEST_CASE("a heat strip shades one cell per value and marks a missing one", "[html]") {
  html::Chart chart;
  chart.title = "Habits";
  chart.labels = {"Jan", "Feb", "Mar"};
  chart.series = {{"1:1s on time", {0.0, 1.0, std::nullopt}}};
  const auto svg = html::heat_strip(chart);
  CHECK(count(svg, "fill-opacity=\"0.12\"") == 1);
  CHECK(count(svg, "fill-opacity=\"1\"") == 1);
  CHECK(count(svg, "class=\"none\"") == 1);
  CHECK(svg.find("1:1s on time, Mar: no data") != std::string::npos);
}
