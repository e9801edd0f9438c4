#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for attune's tests and benchmarks, in a
# folder of its own and listening only on a Unix socket there.
#   scripts/pg-cluster.sh start DIR   initdb (once) and start; prints the URL
#   scripts/pg-cluster.sh stop DIR    stop the server (the folder stays)
# A database for one test: createdb -h DIR -U attune NAME, then
# postgresql://attune@/NAME?host=DIR. PostgreSQL refuses to run as root, so
# as root the cluster belongs to the postgres user the server package made.
set -euo pipefail
action=${1:?start or stop}
dir=$(realpath -m "${2:?folder}")
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U attune -A trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c max_connections=300 -c shared_buffers=128MB" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgresql://attune@/postgres?host=$dir"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
