#!/usr/bin/env bash
# Stops the local PostgreSQL and RabbitMQ started by start-servers.sh.
#   --wipe   also deletes .local/ (all their data).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=deploy/local/lib.sh
. "$here/lib.sh"

wipe=""
case "${1:-}" in
    "") ;;
    --wipe) wipe=1 ;;
    *) echo "usage: $0 [--wipe]" >&2; exit 2 ;;
esac

rc=0
"$here/rabbitmq.sh" stop || rc=$?
"$here/postgres.sh" stop || rc=$?
if [ -n "$wipe" ]; then
    [ "$rc" = 0 ] || lt_die "not wiping $LT_LOCAL: a server did not stop"
    lt_log "deleting $LT_LOCAL"
    rm -rf "$LT_LOCAL"
fi
exit "$rc"
