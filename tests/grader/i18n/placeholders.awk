# Prints "po/es.po:LINE: ..." for each entry whose translation has other fmt
# placeholders ({}, {0}, ...) than its msgid: trf() would throw at run time
# (a test's message would end in fmt::format_error instead of its text).
#   awk -f placeholders.awk po/es.po
function holders(text, found, rest, n) {
  found = ""
  rest = text
  while (match(rest, /[{][0-9]*[}]/)) {
    found = found substr(rest, RSTART, RLENGTH) " "
    rest = substr(rest, RSTART + RLENGTH)
  }
  return found
}
# The placeholders in any order: a translation may reorder {0} and {1}.
function sorted(list, parts, n, i, j, t, out) {
  n = split(list, parts, " ")
  for (i = 2; i <= n; i++)
    for (j = i; j > 1 && parts[j - 1] > parts[j]; j--) { t = parts[j]; parts[j] = parts[j - 1]; parts[j - 1] = t }
  out = ""
  for (i = 1; i <= n; i++) out = out parts[i] " "
  return out
}
function check() {
  if (id != "" && str != "" && sorted(holders(id)) != sorted(holders(str)))
    printf "%s:%d: the translation of \"%.60s\" has placeholders %s instead of %s\n", FILENAME, at, id, holders(str), holders(id)
  id = ""; str = ""; field = ""
}
/^msgid / { check(); at = FNR; field = "id"; sub(/^msgid /, ""); id = $0; next }
/^msgid_plural / { field = "plural"; next }
/^msgstr(\[0\])? / { field = "str"; sub(/^msgstr(\[0\])? /, ""); str = $0; next }
/^msgstr\[/ { field = "other"; next }
/^"/ { if (field == "id") id = id $0; else if (field == "str") str = str $0; next }
END { check() }
