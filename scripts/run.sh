#!/usr/bin/env bash
# Sets up everything on first use and runs GeoCredit with demo data:
# the local TimescaleDB, the server, and the demo scenario simulator feeding it.
#
# Environment: ConnectionStrings__GeoCredit (use your own database; the local one is skipped),
# GEOCREDIT_PORT (default 5080), GEOCREDIT_DEMO_PASSWORD (default geocredit-demo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root_dir"
require_dotnet

port=${GEOCREDIT_PORT:-5080}
demo_password=${GEOCREDIT_DEMO_PASSWORD:-geocredit-demo}

if [ -z "${ConnectionStrings__GeoCredit:-}" ]; then
  say "Starting the local database"
  ConnectionStrings__GeoCredit=$(bash scripts/db.sh start)
  export ConnectionStrings__GeoCredit
fi

# One signing key per checkout, so that tokens survive a restart of the server.
key_file="$state_dir/signing-key"
[ -s "$key_file" ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > "$key_file"

if [ -f web/package.json ]; then
  say "Building the console"
  bash scripts/build-web.sh
fi

say "Building the server"
dotnet build src/GeoCredit.Cli -c Release -v quiet -nologo >/dev/null
dotnet build src/GeoCredit.Server -c Release -v quiet -nologo >/dev/null

server_dir=$root_dir/src/GeoCredit.Server/bin/Release/net10.0
GeoCredit__Auth__SigningKey=$(cat "$key_file") \
GeoCredit__Auth__DemoPassword=$demo_password \
ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$server_dir/GeoCredit.Server.dll" --contentRoot "$server_dir" --urls "http://127.0.0.1:$port" &
server_pid=$!
simulator_pid=""
trap 'kill $server_pid $simulator_pid 2>/dev/null || true' EXIT INT TERM

if ! wait_for_http_ok 127.0.0.1 "$port" /healthz 120 "$server_pid"; then
  say "The server did not become healthy on port $port; see its log above."
  exit 1
fi

GEOCREDIT_INGEST_PASSWORD=$demo_password \
  dotnet src/GeoCredit.Cli/bin/Release/net10.0/geocredit.dll simulate --server "http://127.0.0.1:$port" &
simulator_pid=$!

cat >&2 <<BANNER

  GeoCredit is running with demo data.

  Console   http://127.0.0.1:$port/
  GraphQL   http://127.0.0.1:$port/graphql
  Health    http://127.0.0.1:$port/healthz

  Demo logins (password: $demo_password)
    operator   control-room operator      field     street patrol officer
    company    bike operator dispatcher   lock      lock master
    admin      administrator              ingest    feed bridge

  Stop with Ctrl+C.

BANNER
wait "$server_pid"
