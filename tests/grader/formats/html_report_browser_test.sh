#!/bin/sh
# Renders report.html in headless Chromium and checks the rendered DOM (the
# histogram, a pass-rate chart per exercise, one row per student) and
# Chromium's network log (nothing but the file itself was loaded). A control
# page that does fetch proves the network check can fail. Then measures the
# layout at 1280 and 1440 px wide: no horizontal overflow of the page or of any
# element, and no chart label outside its chart (clipped); a control page that
# overflows proves the measurement can fail.
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
grep -q '<svg id="pass-rates-' "$work/dom.html" || fail "no pass-rate chart in the rendered DOM"
found=$(grep -o '<tr class="student' "$work/dom.html" | wc -l)
[ "$found" -eq "$rows" ] || fail "$found student rows in the rendered DOM, expected $rows"
grep -q '<script' "$work/dom.html" && fail "a <script> element was rendered: student text is not escaped"
urls=$(fetched "$work/report.json")
[ -z "$urls" ] || fail "$page_name fetched from the network: $urls"

# measure PAGE WIDTH: the layout problems Chromium measures in a copy of PAGE
# at WIDTH px ("ok" when none). The copy drops the page's script-forbidding
# policy and gets a script that writes what it measured into the DOM.
measure() {
  copy="$work/measure-$2.html"
  grep -v 'Content-Security-Policy' "$1" | sed 's|</body>||; s|</html>||' >"$copy"
  cat >>"$copy" <<'JS'
<script>
const problems = [];
const page = document.documentElement;
if (page.scrollWidth > page.clientWidth)
  problems.push(`the page is ${page.scrollWidth} px wide in a ${page.clientWidth} px window`);
for (const element of document.querySelectorAll("body *")) {
  const box = element.getBoundingClientRect();
  if (box.width > 0 && box.right > page.clientWidth + 0.5)
    problems.push(`<${element.tagName.toLowerCase()} id="${element.id}"> ends at ${Math.round(box.right)} px`);
}
for (const svg of document.querySelectorAll("svg")) {
  const frame = svg.getBoundingClientRect();
  for (const label of svg.querySelectorAll("text")) {
    const box = label.getBoundingClientRect();
    if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5)
      problems.push(`label "${label.textContent}" clipped by #${svg.id}`);
  }
}
document.body.setAttribute("data-layout", problems.length ? problems.slice(0, 5).join(" | ") : "ok");
</script>
</body></html>
JS
  render "$copy" "$work/measure-$2.json" --dump-dom --window-size="$2,3000" >"$work/measured.html" ||
    fail "chromium failed: $(cat "$work/stderr")"
  sed -n 's/.*data-layout="\([^"]*\)".*/\1/p' "$work/measured.html" | head -1
}

# The control: a page wider than the window must be measured as overflowing.
printf '<!DOCTYPE html><html><body><div id="wide" style="width:3000px">x</div></body></html>\n' \
  >"$work/wide.html"
case "$(measure "$work/wide.html" 1280)" in
  *"page is"*) ;;
  *) fail "the layout measurement did not see the control page overflow: it cannot be trusted" ;;
esac
for width in 1280 1440; do
  layout=$(measure "$html" "$width")
  [ "$layout" = ok ] || fail "$page_name at $width px: ${layout:-nothing measured}"
done

# A screenshot for people to look at (kept next to the samples).
render "$html" "$work/shot.json" --screenshot="$samples/${page_name%.html}.png" --window-size=1400,3000 \
  --hide-scrollbars >/dev/null
[ -s "$samples/${page_name%.html}.png" ] || fail "no screenshot was written"
echo "html_report_browser_test: ok ($found student rows, no network, layout ok at 1280 and 1440 px, screenshot $samples/${page_name%.html}.png)"
