# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh. Sourced, never run.
# shellcheck disable=SC2034  # variables used by the scripts that source this file
#
# Everything the local servers write lives in the git-ignored folder .local/ at the
# repository root. Ports come from LEADTRAC_LOCAL_PG_PORT (default 5432) and
# LEADTRAC_LOCAL_AMQP_PORT (default 5672). All passwords here are for local development
# and tests only.

LT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
LT_LOCAL="$LT_ROOT/.local"
LT_PG_PORT="${LEADTRAC_LOCAL_PG_PORT:-5432}"
LT_AMQP_PORT="${LEADTRAC_LOCAL_AMQP_PORT:-5672}"
LT_SERVICE_SCHEMAS="ingest matcher prioritizer workflow provider_gateway audit"

lt_log() { printf '[leadtrac-local] %s\n' "$*"; }
lt_die() { printf '[leadtrac-local] ERROR: %s\n' "$*" >&2; exit 1; }

# Process $1 exists and is not a zombie (a killed process can stay a zombie for a while
# when PID 1 is slow to reap, and kill -0 still succeeds on it).
lt_pid_alive() {
    local state
    [ -n "$1" ] && state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# Something accepts TCP connections on 127.0.0.1:$1.
lt_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Who listens on port $1 (best effort, for error messages).
lt_port_owner() {
    if command -v ss >/dev/null 2>&1; then
        ss -ltnpH "( sport = :$1 )" 2>/dev/null || true
    fi
}

lt_die_port_taken() {
    local what="$1" port="$2"
    printf '[leadtrac-local] ERROR: port %s is already taken by something that is not our %s:\n' "$port" "$what" >&2
    lt_port_owner "$port" >&2
    printf '[leadtrac-local] Stop it, or choose another port (LEADTRAC_LOCAL_PG_PORT / LEADTRAC_LOCAL_AMQP_PORT).\n' >&2
    exit 1
}

# Print the last lines of a log file to stderr.
lt_tail() {
    if [ -f "$1" ]; then
        printf '[leadtrac-local] ---- last lines of %s ----\n' "$1" >&2
        tail -n "${2:-40}" "$1" >&2 || true
        printf '[leadtrac-local] ----\n' >&2
    fi
}

lt_amqp_url() { printf 'amqp://leadtrac:leadtrac@127.0.0.1:%s/' "$LT_AMQP_PORT"; }
lt_database_url() { printf 'postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:%s/leadtrac' "$LT_PG_PORT"; }

# A local certificate authority and a server certificate for localhost/127.0.0.1, made once
# in .local/tls/ (development only): PostgreSQL serves TLS with it, and the TLS test connects
# with sslmode=verify-full against ca.pem.
LT_TLS="$LT_LOCAL/tls"
lt_ensure_tls() {
    [ -s "$LT_TLS/server.pem" ] && [ -s "$LT_TLS/ca.pem" ] && return 0
    command -v openssl >/dev/null 2>&1 || lt_die "openssl is needed to make the local TLS certificates"
    mkdir -p "$LT_TLS"
    (
        cd "$LT_TLS"
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 \
            -subj "/CN=LeadTrac local development CA" >/dev/null 2>&1
        openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" >/dev/null 2>&1
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 3650 \
            -extfile server.ext >/dev/null 2>&1
        rm -f server.csr server.ext ca.srl
    ) || lt_die "making the local TLS certificates failed"
    chmod 600 "$LT_TLS"/*.key
}
