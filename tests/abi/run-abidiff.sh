#!/bin/sh
# usage: run-abidiff.sh ABIDIFF BASELINE.abi LIBRARY HEADERS-DIR GENERATED-HEADERS-DIR SUPPRESSIONS
# Fails on any change abidiff reports against the committed baseline; added
# symbols are allowed (a new release adds them in a new version node).
abidiff=$1 baseline=$2 lib=$3 hdrs=$4 genhdrs=$5 supp=$6
"$abidiff" --no-added-syms --headers-dir2 "$hdrs" --headers-dir2 "$genhdrs" --drop-private-types \
  --suppressions "$supp" "$baseline" "$lib"
rc=$?
if [ $rc -ne 0 ]; then
  echo "abidiff exit status $rc (bit 4: change, bit 8: incompatible change)"
  exit 1
fi
echo "no ABI change against $(basename "$baseline")"
