#!/usr/bin/env bash
# Sets up everything on first use and runs GeoCredit with demo data:
# the local TimescaleDB, the server, and the demo scenario simulator feeding it.
#
# Environment: ConnectionStrings__GeoCredit (use your own database; the local one is skipped),
# GEOCREDIT_PORT (default 5080), GEOCREDIT_JT808_PORT (6808), GEOCREDIT_AIS_PORT (10110),
# GEOCREDIT_DEMO_PASSWORD (default geocredit-demo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root_dir"
require_dotnet

port=${GEOCREDIT_PORT:-5080}
jt808_port=${GEOCREDIT_JT808_PORT:-6808}
ais_port=${GEOCREDIT_AIS_PORT:-10110}
demo_password=${GEOCREDIT_DEMO_PASSWORD:-geocredit-demo}

# The demo bike operator pushes MDS with this token; the server keeps only its hash.
mds_provider=5f7c2b8e-3d4a-4e6f-9a1b-2c3d4e5f6a7b
mds_token=geocredit-demo-mds-token
mds_token_sha256=$(printf '%s' "$mds_token" | sha256sum | cut -d' ' -f1)

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
GeoCredit__Jt808__Address=127.0.0.1 GeoCredit__Jt808__Port=$jt808_port \
GeoCredit__Jt808__TerminalsFile=$root_dir/geodata/demo/jt808-terminals.csv \
GeoCredit__Ais__TcpServer__Address=127.0.0.1 GeoCredit__Ais__TcpServer__Port=$ais_port \
GeoCredit__Ais__Udp__Address=127.0.0.1 GeoCredit__Ais__Udp__Port=$ais_port \
GeoCredit__Mds__Providers__0__Id=$mds_provider GeoCredit__Mds__Providers__0__OperatorId=bikeco \
GeoCredit__Mds__Providers__0__TokenSha256=$mds_token_sha256 \
GeoCredit__Zones__Directory=$root_dir/geodata/zones GeoCredit__Zones__RulesFile=$root_dir/geodata/rules.json \
GeoCredit__Storage__Writer__SpoolDirectory=$state_dir/spool \
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
  dotnet src/GeoCredit.Cli/bin/Release/net10.0/geocredit.dll simulate --server "http://127.0.0.1:$port" \
    --jt808 "127.0.0.1:$jt808_port" --terminals geodata/demo/jt808-terminals.csv --ais-udp "127.0.0.1:$ais_port" \
    --mds-token "$mds_token" --mds-provider "$mds_provider" --grades geodata/demo/grades.csv &
simulator_pid=$!

cat >&2 <<BANNER

  GeoCredit is running with demo data.

  Console   http://127.0.0.1:$port/
  GraphQL   http://127.0.0.1:$port/graphql
  Health    http://127.0.0.1:$port/healthz
  Feeds     JT/T 808 tcp 127.0.0.1:$jt808_port, AIS tcp and udp 127.0.0.1:$ais_port, MDS http /api/mds/vehicles/...

  Demo logins (password: $demo_password)
    operator   control-room operator      field     street patrol officer
    company    bike operator dispatcher   lock      lock master
    admin      administrator              ingest    feed bridge

  Stop with Ctrl+C.

BANNER
wait "$server_pid"
