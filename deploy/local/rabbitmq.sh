#!/usr/bin/env bash
# Local RabbitMQ (Debian's rabbitmq-server 3.10) for development and tests, all state in
# .local/rabbitmq.
#
#   deploy/local/rabbitmq.sh start|stop|restart|status|ctl ARGS...
#
# start     starts the node if it is not running and waits until it accepts AMQP
#           connections; on a new node also creates user leadtrac/leadtrac (DEV ONLY;
#           administrator, all permissions on vhost /) and enables all feature flags.
# stop      graceful shutdown; killed if it takes longer than about 7 s.
# status    exit 0 if running.
# ctl       runs rabbitmqctl against this node, e.g. `rabbitmq.sh ctl list_queues`.
#
# AMQP on 127.0.0.1:${LEADTRAC_LOCAL_AMQP_PORT:-5672}; Erlang distribution on
# 127.0.0.1:(AMQP port + 20000); node name leadtrac@localhost
# (LEADTRAC_LOCAL_RABBITMQ_NODENAME). The node runs as the calling user (root is fine:
# we call /usr/lib/rabbitmq/bin/* directly, not the /usr/sbin wrappers that switch to the
# rabbitmq user), with HOME (Erlang cookie) inside .local/rabbitmq.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RMQ_BIN=/usr/lib/rabbitmq/bin
RMQ_HOME="$LT_LOCAL/rabbitmq"
[ -x "$RMQ_BIN/rabbitmq-server" ] || lt_die "RabbitMQ not found at $RMQ_BIN; run deploy/local/install-deps.sh"

# Isolate from any system-wide RabbitMQ configuration and from the caller's environment.
for v in $(compgen -e | grep -E '^RABBITMQ_' || true); do unset "$v"; done
export RABBITMQ_NODENAME="${LEADTRAC_LOCAL_RABBITMQ_NODENAME:-leadtrac@localhost}"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$LT_AMQP_PORT"
export RABBITMQ_DIST_PORT=$((LT_AMQP_PORT + 20000))
export RABBITMQ_MNESIA_BASE="$RMQ_HOME/mnesia"
export RABBITMQ_LOG_BASE="$RMQ_HOME/log"
export RABBITMQ_CONFIG_FILE="$RMQ_HOME/rabbitmq.conf"
export RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_HOME/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_HOME/enabled_plugins"
export RABBITMQ_CONF_ENV_FILE="$RMQ_HOME/rabbitmq-env.conf"
export RABBITMQ_PID_FILE="$RMQ_HOME/rabbitmq.pid"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_CRASH_DUMP="$RMQ_HOME/log/erl_crash.dump"
export HOME="$RMQ_HOME/home"
STARTUP_LOG="$RMQ_HOME/log/startup.log"
NODE_LOG="$RMQ_HOME/log/$RABBITMQ_NODENAME.log"
PROVISIONED="$RABBITMQ_MNESIA_BASE/.leadtrac-provisioned"

ctl() { "$RMQ_BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" "$@"; }

# PID of our beam process if it is alive (stale pid files after kill -9 are ignored).
node_pid() {
    local pid
    [ -s "$RABBITMQ_PID_FILE" ] || return 1
    pid="$(tr -dc 0-9 <"$RABBITMQ_PID_FILE")"
    lt_pid_alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-home $HOME " || return 1
    printf '%s\n' "$pid"
}

prepare() {
    mkdir -p "$RMQ_HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE" "$HOME"
    chmod 700 "$HOME"
    : >"$RABBITMQ_CONF_ENV_FILE"
    [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || printf '[].\n' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    cat >"$RABBITMQ_CONFIG_FILE" <<'EOF'
# Written by deploy/local/rabbitmq.sh (listeners come from RABBITMQ_NODE_IP_ADDRESS/PORT).
log.console = false
log.file.level = info
loopback_users.guest = true
EOF
}

wait_ready() {
    local deadline=$((SECONDS + ${1:-90}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if [ -n "${launcher_pid:-}" ] && ! lt_pid_alive "$launcher_pid" && ! node_pid >/dev/null; then
            lt_tail "$STARTUP_LOG"; lt_tail "$NODE_LOG"
            lt_die "RabbitMQ exited during start"
        fi
        if node_pid >/dev/null && lt_port_open "$LT_AMQP_PORT" \
            && ctl await_startup --timeout 10 >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    lt_tail "$STARTUP_LOG"; lt_tail "$NODE_LOG"
    lt_die "RabbitMQ did not become ready on 127.0.0.1:$LT_AMQP_PORT within ${1:-90} s"
}

provision() {
    [ -f "$PROVISIONED" ] && return 0
    lt_log "creating RabbitMQ user leadtrac and enabling all feature flags"
    ctl enable_feature_flag all >/dev/null
    if ! ctl list_users --no-table-headers 2>/dev/null | awk '{print $1}' | grep -qx leadtrac; then
        ctl add_user leadtrac leadtrac >/dev/null
    fi
    ctl change_password leadtrac leadtrac >/dev/null
    ctl set_user_tags leadtrac administrator >/dev/null
    ctl set_permissions -p / leadtrac '.*' '.*' '.*' >/dev/null
    touch "$PROVISIONED"
}

start() {
    local started=$SECONDS
    if node_pid >/dev/null; then
        lt_log "RabbitMQ already running (node $RABBITMQ_NODENAME)"
        wait_ready 60
    else
        if lt_port_open "$LT_AMQP_PORT"; then lt_die_port_taken RabbitMQ "$LT_AMQP_PORT"; fi
        if lt_port_open "$RABBITMQ_DIST_PORT"; then lt_die_port_taken "RabbitMQ (Erlang distribution)" "$RABBITMQ_DIST_PORT"; fi
        prepare
        rm -f "$RABBITMQ_PID_FILE"
        lt_log "starting RabbitMQ on 127.0.0.1:$LT_AMQP_PORT (node $RABBITMQ_NODENAME, log $NODE_LOG)"
        printf '\n==== %s start\n' "$(date -Is)" >>"$STARTUP_LOG"
        # Detached from our session and terminal; the wrapper script stays as the parent of
        # the Erlang VM and forwards SIGTERM as a graceful stop.
        (cd "$RMQ_HOME" && exec setsid -w "$RMQ_BIN/rabbitmq-server" >>"$STARTUP_LOG" 2>&1 </dev/null) &
        launcher_pid=$!
        wait_ready 90
    fi
    provision
    lt_log "RabbitMQ ready in $((SECONDS - started)) s: $(lt_amqp_url)"
}

stop() {
    local pid
    if ! pid="$(node_pid)"; then
        lt_log "RabbitMQ is not running"
        rm -f "$RABBITMQ_PID_FILE"
        return 0
    fi
    lt_log "stopping RabbitMQ (pid $pid)"
    timeout 6 "$RMQ_BIN/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" shutdown >/dev/null 2>&1 || true
    if lt_pid_alive "$pid"; then
        lt_log "graceful shutdown did not finish; sending SIGTERM"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do lt_pid_alive "$pid" || break; sleep 0.2; done
        if lt_pid_alive "$pid"; then
            lt_log "still running; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    for _ in $(seq 1 25); do lt_pid_alive "$pid" || break; sleep 0.2; done
    rm -f "$RABBITMQ_PID_FILE"
    lt_log "RabbitMQ stopped"
}

status() {
    if node_pid >/dev/null && lt_port_open "$LT_AMQP_PORT"; then
        lt_log "RabbitMQ running on 127.0.0.1:$LT_AMQP_PORT (node $RABBITMQ_NODENAME)"
    else
        lt_log "RabbitMQ not running"
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    ctl) shift; exec "$RMQ_BIN/rabbitmqctl" -n "$RABBITMQ_NODENAME" "$@" ;;
    *) echo "usage: $0 start|stop|restart|status|ctl ARGS..." >&2; exit 2 ;;
esac
