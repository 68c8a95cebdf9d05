#!/usr/bin/env bash
# Runs the whole system locally: the local servers (already started by `make run`), all six
# services built in debug, and the demo input. Logs go to .local/logs/<service>.log.
# Ctrl-C (or SIGTERM) stops the services gracefully, then this script exits.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bin="$(swift build --show-bin-path)"
logs="$root/.local/logs"
mkdir -p "$logs"

export LEADTRAC_AMQP_URL="${LEADTRAC_AMQP_URL:-amqp://leadtrac:leadtrac@127.0.0.1:${LEADTRAC_LOCAL_AMQP_PORT:-5672}/%2F}"
pg_port="${LEADTRAC_LOCAL_PG_PORT:-5432}"

services=(ingest matcher prioritizer workflow provider-gateway audit)
ports=(8081 8082 8083 8084 8085 8086)
pids=()

stop_all() {
  echo "== stopping services (SIGTERM)"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "== stopped"
}
trap stop_all EXIT
trap 'exit 0' INT TERM

for i in "${!services[@]}"; do
  name="${services[$i]}"
  schema="${name//-/_}"
  LEADTRAC_DATABASE_URL="postgresql://leadtrac_${schema}:leadtrac_${schema}@127.0.0.1:${pg_port}/leadtrac" \
  LEADTRAC_HTTP_PORT="${ports[$i]}" \
    "$bin/$name" >>"$logs/$name.log" 2>&1 &
  pids+=($!)
done

echo "== waiting for readiness"
for i in "${!services[@]}"; do
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:${ports[$i]}/health/ready" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  printf '  %-17s http://127.0.0.1:%s/health/ready  %s\n' "${services[$i]}" "${ports[$i]}" \
    "$(curl -s "http://127.0.0.1:${ports[$i]}/health/ready" || echo 'not answering')"
done

echo "== demo input"
"$bin/leadtrac" demo publish --amqp-url "$LEADTRAC_AMQP_URL"

analyst_token="$("$bin/leadtrac" token --user demo-analyst --role analyst)"
cat <<MSG

LeadTrac is running.
  health and metrics: http://127.0.0.1:8081/health/ready … :8086, /metrics on each
  logs:               .local/logs/<service>.log (JSON lines)
  dead letters:       $bin/leadtrac dlq list
  queues:             deploy/local/rabbitmq.sh ctl list_queues name messages consumers
  the work queues:    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8084/queues
                      with TOKEN=$analyst_token
                      (any user and role: $bin/leadtrac token --user U --role analyst|reviewer|supervisor|auditor)
  audit trail:        $bin/leadtrac audit verify
Press Ctrl-C to stop the services (the servers keep running; make stop stops them).
MSG
# Sleep in the background and wait for it: bash runs a trap only between commands, so a
# foreground sleep would hold off a SIGTERM sent to this script alone for up to an hour.
while true; do
    sleep 3600 &
    wait $!
done
