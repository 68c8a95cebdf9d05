#!/usr/bin/env bash
# Starts (or reuses) the local PostgreSQL 15 and RabbitMQ used by LeadTrac for development
# and tests, with all their data in .local/ at the repository root. Idempotent.
#
#   LEADTRAC_LOCAL_PG_PORT    (default 5432)
#   LEADTRAC_LOCAL_AMQP_PORT  (default 5672)
#
# Prints the URLs to use at the end. Stop with deploy/local/stop-servers.sh [--wipe].
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=deploy/local/lib.sh
. "$here/lib.sh"

started=$SECONDS
"$here/postgres.sh" start
"$here/rabbitmq.sh" start
lt_log "servers ready in $((SECONDS - started)) s (data in $LT_LOCAL)"
echo "LEADTRAC_AMQP_URL=$(lt_amqp_url)"
echo "LEADTRAC_DATABASE_URL=$(lt_database_url)"
