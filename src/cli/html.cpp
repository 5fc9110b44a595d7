#include "cli/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "util/text.hpp"

namespace mgr::cli::html {

namespace {

// The style every page shares. Colours come in pairs of a series class (c0 to c5, safe for
// colour-blind readers) used by the SVG shapes and the legend keys alike.
constexpr const char* k_style =
    R"(:root{color-scheme:light;--ink:#1a202c;--muted:#56606e;--line:#d5dbe3;--panel:#f5f7fa;--warn:#975a16;--warn-bg:#fefcbf;--alert:#c53030;--alert-bg:#fed7d7;--ok:#276749}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;overflow-wrap:anywhere}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;margin:.2rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:0 0 .3rem}
p{margin:.35rem 0}
ul{margin:.3rem 0;padding-left:1.2rem}
.muted{color:var(--muted)}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.92rem}
th,td{padding:.3rem .45rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.85rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:.8rem 0}
figcaption{font-size:.85rem;color:var(--muted)}
svg.chart{display:block;width:100%;max-width:34rem;height:auto}
svg.chart text{font-size:11px;fill:var(--muted)}
svg.chart .axis{stroke:var(--line);stroke-width:1}
svg.chart .line{fill:none;stroke-width:2}
svg.chart .none{fill:var(--panel)}
svg.chart rect{stroke:none}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:.3rem 0;padding:0;font-size:.85rem}
.key{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;margin-right:.35rem;vertical-align:-.05rem}
.c0{fill:#0072b2;stroke:#0072b2;background:#0072b2}
.c1{fill:#e69f00;stroke:#e69f00;background:#e69f00}
.c2{fill:#009e73;stroke:#009e73;background:#009e73}
.c3{fill:#cc79a7;stroke:#cc79a7;background:#cc79a7}
.c4{fill:#56b4e9;stroke:#56b4e9;background:#56b4e9}
.c5{fill:#d55e00;stroke:#d55e00;background:#d55e00}
@media (max-width:36rem){
main{padding:.75rem}
table.stack thead{display:none}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border-bottom:1px solid var(--line);padding:.35rem 0}
table.stack td{border:0;padding:.05rem 0;display:flex;justify-content:space-between;gap:1rem;text-align:right;white-space:normal}
table.stack td::before{content:attr(data-label);color:var(--muted);text-align:left}
table.stack td:first-child{font-weight:600}
}
@media print{
body{font-size:10pt}
main{max-width:none;padding:0}
section,figure,tr,article{break-inside:avoid}
h2,h3{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

constexpr int k_series_classes = 6;

// The chart's frame in SVG user units: wide enough for a phone at its natural size.
constexpr double k_width = 360;
constexpr double k_height = 190;
constexpr double k_left = 34;
constexpr double k_right = 6;
constexpr double k_top = 8;
constexpr double k_bottom = 22;

std::string series_class(std::size_t index) {
  return "c" + std::to_string(index % k_series_classes);
}

// The smallest of 1, 2 and 5 times a power of ten that is at least `value`.
double round_step(double value) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (const double step : {1.0, 2.0, 5.0, 10.0})
    if (step * magnitude >= value * (1 - 1e-9)) return step * magnitude;
  return 10 * magnitude;
}

struct Scale {
  double top = 1;
  double step = 1;
};

// The y axis: about four round steps from 0 to at least the largest value.
Scale y_scale(const Chart& chart) {
  double most = 0;
  for (const auto& series : chart.series)
    for (const auto& value : series.values)
      if (value) most = std::max(most, *value);
  if (chart.y_max) most = *chart.y_max;
  if (most <= 0) return {};
  Scale scale;
  scale.step = round_step(most / 4);
  scale.top = std::ceil(most / scale.step - 1e-9) * scale.step;
  return scale;
}

double plot_width() {
  return k_width - k_left - k_right;
}

double plot_height() {
  return k_height - k_top - k_bottom;
}

double y_of(double value, const Scale& scale) {
  return k_top + plot_height() * (1 - std::clamp(value / scale.top, 0.0, 1.0));
}

std::string svg_open(const Chart& chart, double height) {
  return fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
                     number(k_width), number(height), escape(chart.title));
}

// The horizontal grid lines with their values, and the labels along the x axis.
std::string axes(const Chart& chart, const Scale& scale) {
  std::string out;
  for (double value = 0; value <= scale.top + scale.step / 2; value += scale.step) {
    const auto y = number(y_of(value, scale));
    out += fmt::format(R"(<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>)", number(k_left), y,
                       number(k_width - k_right), y);
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", number(k_left - 4),
                       number(y_of(value, scale) + 4), number(value));
  }
  const double group =
      plot_width() / static_cast<double>(std::max<std::size_t>(chart.labels.size(), 1));
  for (std::size_t i = 0; i < chart.labels.size(); ++i)
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)",
                       number(k_left + group * (static_cast<double>(i) + 0.5)),
                       number(k_height - 6), escape(chart.labels[i]));
  return out;
}

std::string tooltip(const Chart& chart, const Series& series, std::size_t index) {
  const auto& value = series.values[index];
  const std::string label = index < chart.labels.size() ? chart.labels[index] : std::string{};
  return "<title>" +
         escape(series.name + ", " + label + ": " +
                (value ? number(*value) + (chart.unit.empty() ? "" : " " + chart.unit)
                       : std::string{"no data"})) +
         "</title>";
}

std::string legend(const Chart& chart) {
  std::string out = R"(<ul class="legend">)";
  for (std::size_t i = 0; i < chart.series.size(); ++i)
    out += fmt::format(R"(<li><span class="key {}"></span>{}</li>)", series_class(i),
                       escape(chart.series[i].name));
  return out + "</ul>";
}

std::string figure(const Chart& chart, const std::string& svg) {
  return "<figure>" + svg + legend(chart) + "<figcaption>" + escape(chart.title) +
         "</figcaption></figure>\n";
}

}  // namespace

std::string escape(std::string_view text) {
  const auto safe = util::escape_controls(text);
  std::string out;
  out.reserve(safe.size());
  for (const char c : safe) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double value, int decimals) {
  auto text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

std::string page(std::string_view title, std::string_view body, std::string_view extra_css) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // No script may run and nothing may be fetched, whatever the page holds.
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n";
  out += "<title>" + escape(title) + "</title>\n<style>\n";
  out += k_style;
  out += extra_css;
  out += "</style>\n</head>\n<body>\n<main>\n";
  out += body;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string table(const std::vector<Column>& columns,
                  const std::vector<std::vector<std::string>>& rows) {
  const auto cell_class = [&](std::size_t i) {
    return i < columns.size() && columns[i].numeric ? std::string{R"( class="num")"}
                                                    : std::string{};
  };
  std::string out = "<table class=\"stack\">\n<thead><tr>";
  for (std::size_t i = 0; i < columns.size(); ++i)
    out += "<th" + cell_class(i) + ">" + escape(columns[i].header) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string label = i < columns.size() ? escape(columns[i].header) : std::string{};
      out += "<td" + cell_class(i) + " data-label=\"" + label + "\">" + row[i] + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string bar_chart(const Chart& chart) {
  const auto scale = y_scale(chart);
  std::string svg = svg_open(chart, k_height) + axes(chart, scale);
  const double group =
      plot_width() / static_cast<double>(std::max<std::size_t>(chart.labels.size(), 1));
  const double bar =
      group * 0.8 / static_cast<double>(std::max<std::size_t>(chart.series.size(), 1));
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    for (std::size_t i = 0; i < series.values.size() && i < chart.labels.size(); ++i) {
      if (!series.values[i]) continue;
      const double top = y_of(*series.values[i], scale);
      const double x =
          k_left + group * (static_cast<double>(i) + 0.1) + bar * static_cast<double>(s);
      svg += fmt::format(R"(<rect class="{}" x="{}" y="{}" width="{}" height="{}">{}</rect>)",
                         series_class(s), number(x), number(top), number(bar),
                         number(k_top + plot_height() - top), tooltip(chart, series, i));
    }
  }
  return figure(chart, svg + "</svg>");
}

std::string line_chart(const Chart& chart) {
  const auto scale = y_scale(chart);
  std::string svg = svg_open(chart, k_height) + axes(chart, scale);
  const double group =
      plot_width() / static_cast<double>(std::max<std::size_t>(chart.labels.size(), 1));
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const auto css = series_class(s);
    std::string points;
    std::string dots;
    const auto flush = [&] {
      if (points.find(' ') != std::string::npos)
        svg += fmt::format(R"(<polyline class="line {}" points="{}"/>)", css, points);
      points.clear();
    };
    for (std::size_t i = 0; i < series.values.size() && i < chart.labels.size(); ++i) {
      if (!series.values[i]) {
        flush();
        continue;
      }
      const auto x = number(k_left + group * (static_cast<double>(i) + 0.5));
      const auto y = number(y_of(*series.values[i], scale));
      points += (points.empty() ? "" : " ") + x + "," + y;
      dots += fmt::format(R"(<circle class="{}" cx="{}" cy="{}" r="3">{}</circle>)", css, x, y,
                          tooltip(chart, series, i));
    }
    flush();
    svg += dots;
  }
  return figure(chart, svg + "</svg>");
}

std::string heat_strip(const Chart& chart) {
  constexpr double k_name_width = 96;
  constexpr double k_row = 20;
  constexpr double k_label_row = 16;
  const double height = k_label_row + k_row * static_cast<double>(chart.series.size()) + 2;
  const double cell = (k_width - k_name_width - k_right) /
                      static_cast<double>(std::max<std::size_t>(chart.labels.size(), 1));
  std::string svg = svg_open(chart, height);
  for (std::size_t i = 0; i < chart.labels.size(); ++i)
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)",
                       number(k_name_width + cell * (static_cast<double>(i) + 0.5)),
                       number(k_label_row - 4), escape(chart.labels[i]));
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const double y = k_label_row + k_row * static_cast<double>(s);
    svg += fmt::format(R"(<text x="0" y="{}">{}</text>)", number(y + k_row / 2 + 4),
                       escape(util::truncate_to_width(series.name, 15)));
    for (std::size_t i = 0; i < series.values.size() && i < chart.labels.size(); ++i) {
      const auto& value = series.values[i];
      const auto x = number(k_name_width + cell * static_cast<double>(i) + 1);
      const auto common = fmt::format(R"(x="{}" y="{}" width="{}" height="{}")", x, number(y + 1),
                                      number(cell - 2), number(k_row - 2));
      if (value)
        svg += fmt::format(R"(<rect class="c0" {} fill-opacity="{}">{}</rect>)", common,
                           number(0.12 + 0.88 * std::clamp(*value, 0.0, 1.0), 2),
                           tooltip(chart, series, i));
      else
        svg += fmt::format(R"(<rect class="none" {}>{}</rect>)", common, tooltip(chart, series, i));
    }
  }
  return "<figure>" + svg + "</svg><figcaption>" + escape(chart.title) + "</figcaption></figure>\n";
}

}  // namespace mgr::cli::html
