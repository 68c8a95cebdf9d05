#!/usr/bin/env bash
# /docker-entrypoint-initdb.d hook for the official postgres image (compose.yaml):
# provisions the leadtrac database, roles and schemas exactly as the local scripts do.
set -euo pipefail
bash /leadtrac/provision-sql.sh | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -f -
