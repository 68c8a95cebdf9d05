#!/usr/bin/env bash
# Installs the Debian 12 packages LeadTrac needs to build, test and run locally:
# the C client libraries the Swift code links (librabbitmq-dev, libpq-dev, pkg-config)
# and the servers the local scripts start (rabbitmq-server, postgresql-15).
# Idempotent: does nothing when everything is installed. The packages' own services are
# prevented from starting (and stopped if they did start): deploy/local/start-servers.sh
# runs private instances with their data in .local/.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES="rabbitmq-server librabbitmq-dev libpq-dev pkg-config postgresql-15 postgresql-client-15
procps iproute2 make curl openssl zlib1g-dev"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    lt_log "all Debian packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || lt_die "missing packages:$missing (run this script as root)"
    SUDO="sudo"
fi

lt_log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive

# Keep the packages' postinst scripts from starting system-wide servers on our ports.
POLICY=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\n# temporary, from LeadTrac deploy/local/install-deps.sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod 755 "$POLICY"
    own_policy=1
fi
cleanup() { if [ -n "$own_policy" ]; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing

# If a system-wide server was started anyway, stop it: it would hold 5432 / 5672.
if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters --no-header 2>/dev/null | while read -r ver name _port status _rest; do
        if [ "$status" = online ]; then
            lt_log "stopping the system PostgreSQL cluster $ver/$name started by the package"
            $SUDO pg_ctlcluster "$ver" "$name" stop -m fast || true
        fi
    done
fi
if pids="$(pgrep -u rabbitmq -f beam.smp)"; then
    lt_log "stopping the system RabbitMQ started by the package"
    # shellcheck disable=SC2086
    $SUDO /usr/sbin/rabbitmqctl stop >/dev/null 2>&1 || $SUDO kill $pids || true
fi
lt_log "Debian packages installed"
