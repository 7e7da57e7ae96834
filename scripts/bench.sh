#!/usr/bin/env bash
# Runs GeoCredit's benchmarks on this machine and writes their figures to benchmarks.json (see BENCHMARKS.md):
# the BenchmarkDotNet suites (decoders, geofencing) and the storage harness (writer against raw COPY).
# Takes several minutes; close other work first, the figures are per core on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root_dir"
require_dotnet

if [ -z "${GEOCREDIT_TEST_DATABASE:-}" ]; then
  GEOCREDIT_TEST_DATABASE=$(bash scripts/db.sh start)
  export GEOCREDIT_TEST_DATABASE
fi

dotnet build tests/GeoCredit.Benchmarks -c Release -v quiet -nologo
bench=tests/GeoCredit.Benchmarks/bin/Release/net10.0/GeoCredit.Benchmarks.dll
json="$root_dir/benchmarks.json"

(cd "$state_dir" && dotnet "$root_dir/$bench" report --json "$json")
dotnet "$bench" storage --connection "$GEOCREDIT_TEST_DATABASE" \
  --rows "${GEOCREDIT_BENCH_ROWS:-1000000}" --rounds 3 --json "$json"
cat "$json"
