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
{
  echo "# Every exported symbol: the release that added it, and (later) the release that"
  echo "# deprecated it. Checked against lib/libuclog.map and lib/diag/libuclog-diag.map by"
  echo "# the abi-exports test."
  echo "#"
  echo "# symbol                                   added   deprecated"
  cat tests/abi/libuclog.symbols tests/abi/libuclog-diag.symbols \
    | sed 's/@@UCLOG\(_DIAG\)\{0,1\}_/ /' | sort | awk '{ printf "%-42s %s\n", $1, $2 }'
} > doc/symbols-in-versions
