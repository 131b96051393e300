#!/bin/sh
# Rewrite the committed symbol lists and doc/symbols-in-versions from a build
# (default: build). Run after adding a symbol; review the diff before committing.
# The abidiff baselines are not touched: they are the released 1.0 contract.
set -eu
build=${1:-build}
cd "$(dirname "$0")/../.."
for pair in "libuclog:lib/libuclog.so.1" "libuclog-diag:lib/diag/libuclog-diag.so.1"; do
  name=${pair%%:*} lib=$build/${pair#*:}
  nm -D --defined-only "$lib" | awk '$3 ~ /@@/ { split($3, a, "@@"); if (a[1] != a[2]) print $3 }' \
    | sort > "tests/abi/$name.symbols"
done
# the deprecated column is kept from the file as it stands
deprecated=$(awk '!/^#/ && NF == 3 { print $1, $3 }' doc/symbols-in-versions)
{
  echo "# Every exported symbol: the release that added it, and (later) the release that"
  echo "# deprecated it. Checked against lib/libuclog.map and lib/diag/libuclog-diag.map by"
  echo "# the abi-exports test."
  echo "#"
  echo "# symbol                                   added   deprecated"
  cat tests/abi/libuclog.symbols tests/abi/libuclog-diag.symbols \
    | sed 's/@@UCLOG\(_DIAG\)\{0,1\}_/ /' | sort \
    | awk -v dep="$deprecated" 'BEGIN { n = split(dep, d, "\n"); for (i = 1; i <= n; i++) { split(d[i], f, " "); v[f[1]] = f[2] } }
           { if ($1 in v) printf "%-42s %-7s %s\n", $1, $2, v[$1]; else printf "%-42s %s\n", $1, $2 }'
} > doc/symbols-in-versions
