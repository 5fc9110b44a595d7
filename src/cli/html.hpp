#pragma once
// Self-contained HTML pages: every text escaped, one page wrapper with the shared style (screen,
// phone and print), tables that stack on a phone, and charts as inline SVG. A page holds no
// script and fetches nothing, so it works from a file, in a mail reader and on paper; its
// content security policy forbids both even if a page were built wrongly.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mgr::cli::html {

// `text` safe as the content of an element or a quoted attribute value: control characters and
// bidirectional overrides shown escaped as on the terminal (util::escape_controls), then & < >
// " ' written as character references.
std::string escape(std::string_view text);

// A number as it is written in a page or in SVG coordinates: at most `decimals` decimals,
// without trailing zeros ("12.5", "3", "-0.25" with decimals 2).
std::string number(double value, int decimals = 1);

// A whole page: doctype, charset, viewport, the security policy, the shared style followed by
// `extra_css`, the escaped `title`, and `body` (already HTML) inside <main>.
std::string page(std::string_view title, std::string_view body, std::string_view extra_css = {});

// A table whose rows become labelled blocks on a narrow screen. Header texts are escaped here;
// cells are HTML already (escape what they quote).
struct Column {
  std::string header;
  bool numeric = false;  // right-aligned, figures in columns
};
std::string table(const std::vector<Column>& columns,
                  const std::vector<std::vector<std::string>>& rows);

// What a chart shows: one value per label and series (nothing where there is no data).
struct Series {
  std::string name;
  std::vector<std::optional<double>> values;
};

struct Chart {
  std::string title;                // the accessible name and the caption
  std::string unit;                 // after each value in the tooltips: "h", "%"
  std::vector<std::string> labels;  // along the x axis, short ("W48", "Mar")
  std::vector<Series> series;       // coloured in order by the classes c0 to c5
  std::optional<double> y_max;      // else the largest value, rounded up to a round number
};

// A <figure> holding an SVG of grouped bars (one group per label), its legend and caption.
std::string bar_chart(const Chart& chart);
// A <figure> holding an SVG with one line per series (broken where a value is missing, each
// point with a tooltip), its legend and caption.
std::string line_chart(const Chart& chart);
// A <figure> holding an SVG strip per series of cells shaded by value in [0, 1] (e.g. a habit's
// strength month by month); an empty cell where a value is missing.
std::string heat_strip(const Chart& chart);

}  // namespace mgr::cli::html
