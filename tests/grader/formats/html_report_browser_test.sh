#!/bin/sh
# Renders report.html in headless Chromium and checks the rendered DOM (both
# SVG charts, one row per student) and Chromium's network log (nothing but the
# file itself was loaded). A control page that does fetch proves the network
# check can fail.
#   html_report_browser_test.sh SAMPLES_DIR PAGE STUDENT_ROWS
set -u
samples=$1
page_name=$2
rows=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  # Skipped, visibly (ctest SKIP_RETURN_CODE): ./lab test installs it on Debian.
  echo "html_report_browser_test: not run: no Chromium on the PATH;" \
    "install it with: apt-get install chromium (Debian) or snap install chromium (Ubuntu)" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "html_report_browser_test: $*" >&2; exit 1; }

# chromium PAGE NETLOG [more options]: the rendered DOM on stdout.
render() {
  page=$1; netlog=$2; shift 2
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$work/profile-$(basename "$netlog")" --log-net-log="$netlog" "$@" \
    "file://$page" 2>"$work/stderr"
}

# The URLs other than file:// that the page asked for, from the network log.
fetched() {
  python3 "$(dirname "$0")/page_fetches.py" "$1"
}

# The control: a page that loads an image over the network must show up.
printf '<!DOCTYPE html><img src="http://127.0.0.1:9/probe.png">\n' >"$work/control.html"
render "$work/control.html" "$work/control.json" --dump-dom >/dev/null
fetched "$work/control.json" | grep -q 'probe.png' ||
  fail "the network log did not show the control page's fetch: the check cannot be trusted"

html=$(realpath "$samples/$page_name")
render "$html" "$work/report.json" --dump-dom >"$work/dom.html" || fail "chromium failed: $(cat "$work/stderr")"
grep -q '<svg id="histogram"' "$work/dom.html" || fail "no histogram in the rendered DOM"
grep -q '<svg id="pass-rates"' "$work/dom.html" || fail "no pass-rate chart in the rendered DOM"
found=$(grep -o '<tr class="student' "$work/dom.html" | wc -l)
[ "$found" -eq "$rows" ] || fail "$found student rows in the rendered DOM, expected $rows"
grep -q '<script' "$work/dom.html" && fail "a <script> element was rendered: student text is not escaped"
urls=$(fetched "$work/report.json")
[ -z "$urls" ] || fail "$page_name fetched from the network: $urls"

# A screenshot for people to look at (kept next to the samples).
render "$html" "$work/shot.json" --screenshot="$samples/${page_name%.html}.png" --window-size=1100,2200 \
  --hide-scrollbars >/dev/null
[ -s "$samples/${page_name%.html}.png" ] || fail "no screenshot was written"
echo "html_report_browser_test: ok ($found student rows, no network, screenshot $samples/${page_name%.html}.png)"
