#!/usr/bin/env bash
# Prints the shape of a checkout (default: this one): each module's Burrow dependencies, its public top-level
# types (all, and those outside internal packages), and the ten largest main classes by line count.
# Usage: scripts/dev/shape-report.sh [checkout-dir]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
echo "## Modules and their Burrow dependencies"
python3 - <<'PY'
import glob, re
for pom in sorted(glob.glob("*/pom.xml")):
    m = pom.split("/")[0]
    text = open(pom).read()
    text = text[text.find("<dependencies>"):] if "<dependencies>" in text else ""
    deps = []
    for d in re.findall(r"<dependency>(.*?)</dependency>", text, re.S):
        a = re.search(r"<artifactId>(mcp-[a-z-]*|interop-harness)</artifactId>", d)
        if a and a.group(1) != m:
            scope = re.search(r"<scope>(\w+)</scope>", d)
            opt = "<optional>true</optional>" in d
            tag = (scope.group(1) if scope and scope.group(1) not in ("compile", "import") else "") + (" optional" if opt else "")
            deps.append(a.group(1) + (f" ({tag.strip()})" if tag.strip() else ""))
    print(f"{m} -> {', '.join(sorted(set(deps))) or '(none)'}")
PY
echo
echo "## Public top-level types per module (all / outside .internal packages)"
for d in */src/main/java; do
  m=${d%%/*}
  all=0; api=0
  while IFS= read -r f; do
    if grep -qE '^public (final |abstract |sealed |non-sealed )*(class|interface|record|enum|@interface) ' "$f"; then
      all=$((all + 1))
      case "$f" in */internal/*) ;; *) api=$((api + 1)) ;; esac
    fi
  done < <(find "$d" -name '*.java' ! -name 'package-info.java' ! -name 'module-info.java')
  echo "$m: $all / $api"
done
echo
echo "## Largest main classes (lines)"
find . -path '*/src/main/java/*.java' -not -path './examples/*' -print0 | xargs -0 wc -l | grep -v ' total$' \
  | sort -rn | head -10 | sed 's#\./##; s#/src/main/java/.*/# … #'
