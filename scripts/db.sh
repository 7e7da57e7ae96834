#!/usr/bin/env bash
# Local PostgreSQL 15 + PostGIS 3 + TimescaleDB for GeoCredit.
#
#   scripts/db.sh start               install what is missing, start the project-local cluster
#   scripts/db.sh stop                stop it
#   scripts/db.sh status              say whether it runs
#   scripts/db.sh connection-string   print the Npgsql connection string of the local cluster
#
# Idempotent: a second `start` reuses the packages, the TimescaleDB build and the cluster.
# The cluster lives in .local/pg (git-ignored), listens on its own port on 127.0.0.1 and
# keeps its Unix socket in the same folder. Debian 12 ships no TimescaleDB binary, so when
# none is installed the script builds the Apache-licensed edition from Debian's own source
# package (trixie), fetched through a private apt sources file; the machine's own apt
# sources are read for the mirror address and never changed.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state_dir="$root_dir/.local"
pg_dir="$state_dir/pg"
data_dir="$pg_dir/data"
port_file="$pg_dir/port"
pg_bin=/usr/lib/postgresql/15/bin
db_name=geocredit
db_user=geocredit
db_password=geocredit

log() { printf 'db: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root, so root runs the cluster as the postgres user.
cluster_user() {
  if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

as_cluster_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

timescaledb_installed() {
  [ -f "$(as_root "$pg_bin/pg_config" --sharedir 2>/dev/null || echo /nonexistent)/extension/timescaledb.control" ] ||
    [ -f /usr/share/postgresql/15/extension/timescaledb.control ]
}

mirror_uri() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
      /etc/apt/sources.list)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

build_timescaledb() {
  log "no TimescaleDB installed: building it from Debian's source package"
  apt_install build-essential cmake dpkg-dev postgresql-server-dev-15 libssl-dev libkrb5-dev

  local work="$state_dir/timescaledb-build"
  local apt_dir="$work/apt"
  rm -rf "$work"
  mkdir -p "$apt_dir/lists/partial" "$work/src"
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$(mirror_uri)" \
    > "$apt_dir/sources.list"

  # A private sources list and list folder: the machine's apt configuration stays as it was.
  local apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
    -o "Dir::State::Lists=$apt_dir/lists" -o "APT::Get::List-Cleanup=0")
  as_root apt-get "${apt_opts[@]}" update -qq >&2
  (cd "$work/src" && as_root apt-get "${apt_opts[@]}" source -qq --download-only timescaledb >&2)
  (cd "$work/src" && dpkg-source --no-check -x ./*.dsc timescaledb >&2)

  local build="$work/src/timescaledb/build"
  mkdir -p "$build"
  (cd "$build" && cmake .. -DPG_CONFIG="$pg_bin/pg_config" -DAPACHE_ONLY=ON -DREGRESS_CHECKS=OFF \
    -DTAP_CHECKS=OFF -DWARNINGS_AS_ERRORS=OFF -DSEND_TELEMETRY_DEFAULT=OFF -DCMAKE_BUILD_TYPE=Release >&2)
  make -C "$build" -j"$(nproc)" >&2
  as_root make -C "$build" install >&2
  rm -rf "$work"
  log "TimescaleDB built and installed"
}

install_packages() {
  apt_install postgresql-15 postgresql-client-15 postgresql-15-postgis-3
  timescaledb_installed || build_timescaledb
}

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  log "no free port between 55432 and 55532"
  return 1
}

is_running() {
  [ -f "$data_dir/postmaster.pid" ] && as_cluster_user "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

init_cluster() {
  log "creating the cluster in $data_dir"
  mkdir -p "$pg_dir"
  free_port > "$port_file"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$pg_dir"
  fi
  as_cluster_user "$pg_bin/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$data_dir/postgresql.conf" <<CONF
# GeoCredit local cluster
listen_addresses = '127.0.0.1'
port = $(cat "$port_file")
unix_socket_directories = '$pg_dir'
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
max_connections = 200
fsync = on
CONF
}

start_cluster() {
  [ -d "$data_dir" ] || init_cluster
  if is_running; then
    log "cluster already running on port $(cat "$port_file")"
  else
    log "starting the cluster on port $(cat "$port_file")"
    as_cluster_user "$pg_bin/pg_ctl" -D "$data_dir" -l "$pg_dir/server.log" -w -t 60 start >/dev/null
  fi
  ensure_database
}

psql_admin() {
  as_cluster_user env PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" \
    -h "$pg_dir" -p "$(cat "$port_file")" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

ensure_database() {
  if [ "$(psql_admin -d postgres -c "select 1 from pg_roles where rolname = '$db_user'")" != 1 ]; then
    psql_admin -d postgres -c "create role $db_user login superuser password '$db_password'"
  fi
  if [ "$(psql_admin -d postgres -c "select 1 from pg_database where datname = '$db_name'")" != 1 ]; then
    psql_admin -d postgres -c "create database $db_name owner $db_user"
  fi
  psql_admin -d "$db_name" -c "create extension if not exists timescaledb; create extension if not exists postgis;"
}

stop_cluster() {
  if is_running; then
    as_cluster_user "$pg_bin/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null
    log "cluster stopped"
  else
    log "cluster not running"
  fi
}

connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s\n' \
    "$(cat "$port_file")" "$db_user" "$db_password" "$db_name"
}

case "${1:-start}" in
  start) install_packages; start_cluster; connection_string ;;
  stop) stop_cluster ;;
  status) if is_running; then echo "running on port $(cat "$port_file")"; else echo "stopped"; exit 1; fi ;;
  connection-string) connection_string ;;
  *) echo "usage: $0 start|stop|status|connection-string" >&2; exit 2 ;;
esac
