# Shared by run.sh and test.sh: paths and small helpers. Sourced, not run.
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state_dir="$root_dir/.local"
mkdir -p "$state_dir"

say() { printf '\033[1m%s\033[0m\n' "$*" >&2; }

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    say "The .NET 10 SDK is needed (https://dot.net); it is not on PATH."
    exit 1
  fi
}

# Waits until GET http://host:port/path answers 200, or fails after the deadline in seconds,
# or as soon as the process with the optional fifth argument's pid has ended.
wait_for_http_ok() {
  local host=$1 port=$2 path=$3 deadline=$(( $(date +%s) + $4 )) pid=${5:-}
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    local status
    status=$( (exec 3<>"/dev/tcp/$host/$port" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3 &&
      head -n 1 <&3) 2>/dev/null | awk '{ print $2 }')
    [ "$status" = 200 ] && return 0
    sleep 0.5
  done
  return 1
}
