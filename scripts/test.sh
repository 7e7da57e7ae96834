#!/usr/bin/env bash
# Sets up everything on first use and runs every test: unit, database, end-to-end and browser tests.
#
# Environment: GEOCREDIT_TEST_DATABASE (a connection string allowed to create databases; the local
# cluster is skipped when it is set).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root_dir"
require_dotnet

if [ -z "${GEOCREDIT_TEST_DATABASE:-}" ]; then
  say "Starting the local database"
  GEOCREDIT_TEST_DATABASE=$(bash scripts/db.sh start)
  export GEOCREDIT_TEST_DATABASE
fi

if [ -f web/package.json ]; then
  say "Building the console"
  bash scripts/build-web.sh
fi

say "Building"
dotnet build GeoCredit.sln -c Release -v quiet -nologo

say "Testing"
log="$state_dir/test-output.log"
set +e
dotnet test GeoCredit.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test project, in the plain form CI reads.
awk '
  /(Passed|Failed)!  - Failed:/ {
    gsub(",", "")
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1)
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
