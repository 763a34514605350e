#!/bin/sh
# Re-extract every marked message into the template and merge it into each catalog (.po).
# New messages arrive with an empty msgstr (tests/i18n fails until they are translated).
set -e
cd "$(dirname "$0")"
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
"$PYBABEL" -q extract -F babel.cfg -k N_ -k N_plural:1,2 --no-location --sort-output --omit-header -w 100 \
    -o src/debtcoach/locale/debtcoach.pot src/debtcoach
"$PYBABEL" -q update -i src/debtcoach/locale/debtcoach.pot -d src/debtcoach/locale -D debtcoach \
    --ignore-obsolete --no-fuzzy-matching -w 100
