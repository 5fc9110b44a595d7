"""Checks that every file under src/ includes only what its layer may use (ARCHITECTURE.md).

The include roots already make a project header of a forbidden layer invisible to the compiler;
this check also covers system headers (SQLiteCpp, CLI11, libcurl, ...) that every layer could
reach, and relative includes that would walk around the roots.
Usage: check_includes.py SRC_DIR
"""

import os
import re
import sys

LAYERS = {
    "util": {"util"},
    "domain": {"domain", "util"},
    "storage": {"storage", "domain", "util"},
    "mail": {"mail", "domain", "util"},
    "cli": {"cli", "storage", "mail", "domain", "util"},
    "main.cpp": {"cli"},
}

# Third-party headers by the layer that owns them; every other layer must not include them.
OWNED = {
    "SQLiteCpp/": {"storage"},
    "sqlite3.h": {"storage"},
    "curl/": {"mail"},
    "CLI/": {"cli"},
    "nlohmann/": {"cli"},
    "fmt/": {"cli"},
    "toml++/": {"cli"},
    "date/": {"domain", "storage", "mail", "cli"},
    "catch2/": set(),
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def problems_in(path, layer):
    found = []
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            kind, header = match.groups()
            where = "%s:%d" % (path, number)
            if ".." in header.split("/"):
                found.append("%s: relative include %r walks around the layer roots" % (where, header))
                continue
            if kind == '"':
                first = header.split("/")[0]
                if first not in LAYERS[layer]:
                    found.append("%s: layer %s may not include %r" % (where, layer, header))
                continue
            for prefix, owners in OWNED.items():
                if header.startswith(prefix) and layer not in owners:
                    found.append("%s: layer %s may not include <%s>" % (where, layer, header))
    return found


def main(src):
    found = []
    checked = 0
    for entry in sorted(os.listdir(src)):
        path = os.path.join(src, entry)
        if os.path.isdir(path):
            if entry not in LAYERS:
                found.append("%s: a folder that is no layer of ARCHITECTURE.md" % path)
                continue
            for name in sorted(os.listdir(path)):
                if name.endswith((".cpp", ".hpp")):
                    found += problems_in(os.path.join(path, name), entry)
                    checked += 1
        elif entry in LAYERS:
            found += problems_in(path, entry)
            checked += 1
    for problem in found:
        print(problem)
    print("%d files checked, %d problems" % (checked, len(found)))
    return 1 if found or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
