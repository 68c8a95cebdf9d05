#!/usr/bin/env bash
# Local PostgreSQL 15 for development and tests, data in .local/postgres.
#
#   deploy/local/postgres.sh start|stop|restart|status|provision
#
# start     starts the server if it is not running (waits until it accepts connections)
#           and provisions it (idempotent): database leadtrac, one schema and one login
#           role per service, and the admin role leadtrac_admin.
# stop      fast shutdown (pg_ctl -m fast; -m immediate if that does not finish in 8 s).
# status    exit 0 if running.
#
# Listens on 127.0.0.1:${LEADTRAC_LOCAL_PG_PORT:-5432}. Auth: trust on the unix socket
# (inside .local, reachable by root and postgres only, used by these scripts), and
# scram-sha-256 over TCP. DEV-ONLY passwords: every role's password is its name
# (postgres/postgres, leadtrac_admin/leadtrac_admin, leadtrac_ingest/leadtrac_ingest, ...).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_BIN=/usr/lib/postgresql/15/bin
PG_HOME="$LT_LOCAL/postgres"
PG_DATA="$PG_HOME/data"
PG_LOG="$PG_HOME/postgres.log"
PG_SOCK="$PG_HOME/run"
# A unix socket path must stay under ~107 bytes; fall back to /tmp for deep checkouts.
if [ $(( ${#PG_SOCK} + 20 )) -gt 100 ]; then
    PG_SOCK="/tmp/leadtrac-pg-$(printf '%s' "$LT_ROOT" | md5sum | cut -c1-10)"
fi

[ -x "$PG_BIN/pg_ctl" ] || lt_die "PostgreSQL 15 not found at $PG_BIN; run deploy/local/install-deps.sh"

if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || lt_die "system user 'postgres' is missing (it comes with the postgresql-common package)"
    PG_USER=postgres
    # PostgreSQL refuses to run as root: run its tools as the postgres user.
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
    PG_USER="$(id -un)"
    as_pg() { (cd / && "$@"); }
fi

# Live processes of our cluster: the postmaster and its children all run in $PG_DATA.
pg_pids() {
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/cwd" 2>/dev/null)" = "$PG_DATA" ] && lt_pid_alive "${p#/proc/}" && echo "${p#/proc/}"
    done
    return 0
}

postmaster_pid() { [ -s "$PG_DATA/postmaster.pid" ] && head -n 1 "$PG_DATA/postmaster.pid" | tr -dc 0-9; }

pg_running() {
    local pid
    pid="$(postmaster_pid 2>/dev/null)" || return 1
    lt_pid_alive "$pid" && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$PG_DATA" ]
}

# After a kill -9 of the postmaster: let its orphaned backends exit (they notice quickly),
# then drop the stale pid and socket lock files (their PID may still be a zombie, which
# would block a start).
clear_stale() {
    local i pids
    for i in $(seq 1 20); do
        pids="$(pg_pids)"
        [ -z "$pids" ] && break
        [ "$i" = 1 ] && lt_log "waiting for leftover PostgreSQL processes to exit: ${pids//$'\n'/ }"
        sleep 0.5
    done
    pids="$(pg_pids)"
    if [ -n "$pids" ]; then
        lt_log "killing leftover PostgreSQL processes: ${pids//$'\n'/ }"
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        sleep 0.5
    fi
    if [ -e "$PG_DATA/postmaster.pid" ]; then
        lt_log "removing stale $PG_DATA/postmaster.pid"
        rm -f "$PG_DATA/postmaster.pid"
    fi
    # Same for the unix socket's lock file (the socket directory is ours alone).
    rm -f "$PG_SOCK"/.s.PGSQL.*
}

psql_super() {
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$LT_PG_PORT" -U postgres "$@"
}

# The postgres user must be able to reach .local/postgres: make each ancestor directory
# searchable (o+x, no read) where it is not. Only needed when the checkout is e.g. under /root.
ensure_traversable() {
    [ "$(id -u)" = 0 ] || return 0
    runuser -u postgres -- test -x "$LT_LOCAL" 2>/dev/null && return 0
    local d="" part
    local IFS=/
    for part in ${LT_LOCAL#/}; do
        d="$d/$part"
        if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
            lt_log "making $d searchable (chmod o+x) so that the postgres user can reach .local/postgres"
            chmod o+x "$d"
        fi
    done
    runuser -u postgres -- test -x "$LT_LOCAL" || lt_die "the postgres user cannot reach $LT_LOCAL"
}

init_cluster() {
    mkdir -p "$LT_LOCAL"
    ensure_traversable
    mkdir -p "$PG_HOME" "$PG_SOCK"
    chown "$PG_USER" "$PG_HOME" "$PG_SOCK"
    chmod 700 "$PG_SOCK"
    if [ ! -s "$PG_DATA/PG_VERSION" ]; then
        lt_log "initialising a new PostgreSQL cluster in $PG_DATA"
        rm -rf "$PG_DATA"
        mkdir -p "$PG_DATA"
        chown "$PG_USER" "$PG_DATA"
        chmod 700 "$PG_DATA"
        local pw="$PG_HOME/.pwfile"
        printf 'postgres\n' >"$pw"
        chown "$PG_USER" "$pw"
        chmod 600 "$pw"
        as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pw" \
            --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1 \
            || { lt_tail "$PG_HOME/initdb.log"; rm -f "$pw"; lt_die "initdb failed"; }
        rm -f "$pw"
        printf "\n# LeadTrac local settings (rewritten by deploy/local/postgres.sh at each start)\ninclude_if_exists = 'leadtrac.conf'\n" \
            >>"$PG_DATA/postgresql.conf"
    fi
    # TLS with the local development CA (plain connections stay allowed on loopback).
    lt_ensure_tls
    install -m 600 -o "$PG_USER" "$LT_TLS/server.pem" "$PG_HOME/server.pem"
    install -m 600 -o "$PG_USER" "$LT_TLS/server.key" "$PG_HOME/server.key"
    # Memory for PostgreSQL's own cache: a quarter of RAM, from 128 MB up to 8 GB. The default
    # 128 MB makes every matcher lead copy index and heap pages from the kernel's cache (at
    # 200,000 subjects, 4 GB took service time p50 5.2 → 4.4 ms, docs/performance.md).
    local ram_mb buffers_mb
    ram_mb=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
    buffers_mb=$(( ram_mb / 4 ))
    [ "$buffers_mb" -lt 128 ] && buffers_mb=128
    [ "$buffers_mb" -gt 8192 ] && buffers_mb=8192
    # Rewritten at every start so that a changed port takes effect.
    cat >"$PG_DATA/leadtrac.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $LT_PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
max_connections = 200
password_encryption = 'scram-sha-256'
log_line_prefix = '%m [%p] %q%u@%d '
ssl = on
ssl_cert_file = '$PG_HOME/server.pem'
ssl_key_file = '$PG_HOME/server.key'
# Write-heavy consumers: fewer checkpoints (each makes the next write of a page a full-page
# image in the WAL), and lz4 rather than pglz for JSON columns and WAL page images.
shared_buffers = '${buffers_mb}MB'
max_wal_size = '4GB'
default_toast_compression = 'lz4'
wal_compression = 'lz4'
EOF
    chown "$PG_USER" "$PG_DATA/leadtrac.conf"
    touch "$PG_LOG"
    chown "$PG_USER" "$PG_LOG"
}

provision() {
    bash "$LT_ROOT/deploy/postgres/provision-sql.sh" \
        | psql_super -d postgres -f - >/dev/null 2>"$PG_HOME/provision.err" \
        || { cat "$PG_HOME/provision.err" >&2; lt_die "provisioning the leadtrac database failed"; }
    # "role is already a member" and the like are expected notices.
    grep -v -e 'NOTICE' -e '^$' "$PG_HOME/provision.err" >&2 || true
}

wait_ready() {
    local i
    for i in $(seq 1 60); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$LT_PG_PORT" -t 2; then return 0; fi
        sleep 0.5
    done
    lt_tail "$PG_LOG"
    lt_die "PostgreSQL did not become ready on 127.0.0.1:$LT_PG_PORT"
}

start() {
    if pg_running; then
        lt_log "PostgreSQL already running (data $PG_DATA)"
    else
        [ -d "$PG_DATA" ] && clear_stale
        if lt_port_open "$LT_PG_PORT"; then lt_die_port_taken PostgreSQL "$LT_PG_PORT"; fi
        init_cluster
        local attempt
        for attempt in 1 2 3 4 5; do
            lt_log "starting PostgreSQL 15 on 127.0.0.1:$LT_PG_PORT (log $PG_LOG)"
            if as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s; then
                break
            fi
            # After a kill -9 the old backends may still hold shared memory for a moment.
            if [ "$attempt" = 5 ]; then
                lt_tail "$PG_LOG"
                lt_die "PostgreSQL failed to start"
            fi
            lt_log "start failed, retrying in 2 s"
            sleep 2
        done
    fi
    wait_ready
    provision
    lt_log "PostgreSQL ready: $(lt_database_url)"
}

stop() {
    if ! pg_running; then
        lt_log "PostgreSQL is not running"
        return 0
    fi
    lt_log "stopping PostgreSQL"
    if ! as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 8 -s; then
        lt_log "fast shutdown did not finish in 8 s; using immediate shutdown"
        as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 5 -s
    fi
    lt_log "PostgreSQL stopped"
}

status() {
    if pg_running && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$LT_PG_PORT" -t 2; then
        lt_log "PostgreSQL running on 127.0.0.1:$LT_PG_PORT (data $PG_DATA)"
    else
        lt_log "PostgreSQL not running"
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    provision) provision ;;
    *) echo "usage: $0 start|stop|restart|status|provision" >&2; exit 2 ;;
esac
