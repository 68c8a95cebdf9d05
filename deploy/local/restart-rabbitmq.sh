#!/usr/bin/env bash
# Restarts the local RabbitMQ node (stop, then start and wait until it is ready).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/rabbitmq.sh" restart
