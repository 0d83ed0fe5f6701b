#!/bin/sh
# The message catalogs are complete: every message the code marks with tr()
# or trf() (the grader, the harness library, the exercises' tests)
# (found by xgettext, as po/CMakeLists.txt's ipclab-pot target finds them) has
# a translation in every po/<language>.po, none untranslated or fuzzy, and
# every translation keeps its message's fmt placeholders (placeholders.py).
#   catalog_check.sh SOURCE_DIR XGETTEXT [XGETTEXT_OPTION...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$1
xgettext=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
cd "$src"
find grader harness tests/exercises -name '*.cpp' | LC_ALL=C sort >"$tmp/sources"
"$xgettext" "$@" --files-from="$tmp/sources" --output="$tmp/ipclab.pot"
status=0
for po in po/*.po; do
  if ! msgcmp "$po" "$tmp/ipclab.pot" 2>"$tmp/msgcmp"; then
    head -5 "$tmp/msgcmp"
    echo "$po lacks messages the code marks: run \`cmake --build build --target ipclab-pot &&" \
      "msgmerge --update $po po/ipclab.pot\`, then translate the new entries"
    status=1
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  # trf() and fmt::runtime(tr()) fill a translation's placeholders: other
  # ones than its msgid's would throw where the message is shown.
  wrong=$(awk -f "$here/placeholders.awk" "$po")
  if [ -n "$wrong" ]; then
    echo "$wrong"
    echo "$po: give each translation the placeholders of its msgid ({} in order, or {0} {1} reordered)"
    status=1
  fi
  case $stats in
  *untranslated* | *fuzzy*)
    echo "$po: $stats (translate every entry and remove the fuzzy marks)"
    status=1
    ;;
  esac
done
python3 "$here/placeholders.py" po/*.po || status=1
[ "$status" -eq 0 ] && echo "catalogs complete: $(ls po/*.po | tr '\n' ' ')"
exit "$status"
