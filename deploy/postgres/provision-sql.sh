#!/usr/bin/env bash
# Prints the SQL that provisions LeadTrac's database: the admin role, one login role and one
# schema per service (each role owns its schema and can touch nothing else), database
# leadtrac. Idempotent. Used by deploy/local/postgres.sh and by the compose PostgreSQL
# container's init script. DEV-ONLY passwords: each role's password is its name.
set -euo pipefail
LT_SERVICE_SCHEMAS="ingest matcher prioritizer workflow provider_gateway audit"
s="" roles=""
for s in $LT_SERVICE_SCHEMAS; do roles="$roles${roles:+, }leadtrac_$s"; done
    cat <<'EOF'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadtrac_admin') THEN CREATE ROLE leadtrac_admin; END IF;
END $$;
ALTER ROLE leadtrac_admin WITH LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD 'leadtrac_admin';
ALTER ROLE postgres WITH PASSWORD 'postgres';
EOF
    for s in $LT_SERVICE_SCHEMAS; do
        cat <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadtrac_$s') THEN CREATE ROLE leadtrac_$s; END IF;
END \$\$;
ALTER ROLE leadtrac_$s WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD 'leadtrac_$s';
EOF
    done
    cat <<EOF
SELECT 'CREATE DATABASE leadtrac OWNER leadtrac_admin' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'leadtrac') \gexec
ALTER DATABASE leadtrac OWNER TO leadtrac_admin;
REVOKE ALL ON DATABASE leadtrac FROM PUBLIC;
GRANT CONNECT ON DATABASE leadtrac TO $roles;
\connect leadtrac
SET client_min_messages = warning;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EOF
    for s in $LT_SERVICE_SCHEMAS; do
        cat <<EOF
CREATE SCHEMA IF NOT EXISTS $s AUTHORIZATION leadtrac_$s;
ALTER SCHEMA $s OWNER TO leadtrac_$s;
REVOKE ALL ON SCHEMA $s FROM PUBLIC;
GRANT leadtrac_$s TO leadtrac_admin;
EOF
    done
