#!/bin/sh
# Regenerate docs/compare-report.png: the HTML report of the bundled example pair
# (src/syndetect/examples/wire.txt vs outlet.txt) rendered by headless Chromium.
#
# Usage: docs/make_screenshot.sh            (from anywhere in the repository)
# Needs: python3 able to import the repository's src/, and Debian's `chromium`
# (or set CHROMIUM=/path/to/chromium). --no-sandbox is there because CI runs as root.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The page opens with one linked pair selected (the first rewrite, else the first moved
# passage), to show how a passage is tied to its counterpart in the other column.
anchor=$(PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}" python3 - "$tmp/report.html" <<'PY'
import sys
from importlib.resources import files

import syndetect
from syndetect.render_html import html

examples = files("syndetect") / "examples"
wire = (examples / "wire.txt").read_text(encoding="utf-8")
outlet = (examples / "outlet.txt").read_text(encoding="utf-8")
c = syndetect.compare(wire, outlet)
page = html(c, name_a="wire.txt", name_b="outlet.txt", title="Wire dispatch vs outlet copy")
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(page)
moved = [i for i, s in enumerate(c.shared) if s.moved]
rewrites = [j for j, d in enumerate(c.divergences) if d.kind == "rewritten"]
print(f"#b-d{rewrites[0]}" if rewrites else f"#b-s{moved[0]}" if moved else "")
PY
)

"${CHROMIUM:-chromium}" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --virtual-time-budget=3000 --user-data-dir="$tmp/profile" --window-size=1400,1000 \
    --screenshot="$root/docs/compare-report.png" "file://$tmp/report.html$anchor" 2>/dev/null
echo "wrote $root/docs/compare-report.png"
