#!/bin/sh
# Refreshes translations/*.ts from the GUI sources (new strings appear as "unfinished"; translate them
# in Qt Linguist or by hand, then build). The i18n.translations test fails while any is unfinished.
set -eu
cd "$(dirname "$0")/.."
LUPDATE=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
for ts in ${1:-translations/mindbridge_zh_CN.ts}; do
  lang=$(basename "$ts" .ts); lang=${lang#mindbridge_}
  "$LUPDATE" -silent -no-obsolete -locations none -target-language "$lang" widgets app/gui -ts "$ts"
done

