# LeadTrac developer entry points. Local servers: deploy/local/ (data in .local/).
SHELL := /bin/bash
LOCAL := deploy/local
LEADTRAC_LOCAL_PG_PORT ?= 5432
LEADTRAC_LOCAL_AMQP_PORT ?= 5672
export LEADTRAC_LOCAL_PG_PORT LEADTRAC_LOCAL_AMQP_PORT
# Tests connect as the admin role / the leadtrac broker user (dev-only credentials).
export LEADTRAC_TEST_AMQP_URL ?= amqp://leadtrac:leadtrac@127.0.0.1:$(LEADTRAC_LOCAL_AMQP_PORT)/
export LEADTRAC_TEST_DATABASE_URL ?= postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:$(LEADTRAC_LOCAL_PG_PORT)/leadtrac
# Serial: some integration tests restart the shared servers, which would break tests running beside them.
SWIFT_TEST_FLAGS ?= --no-parallel

.PHONY: deps servers stop build test run clean

deps:
	$(LOCAL)/install-deps.sh

servers: deps
	$(LOCAL)/start-servers.sh

stop:
	$(LOCAL)/stop-servers.sh

build: deps
	swift build

test: servers
	swift build
	swift test $(SWIFT_TEST_FLAGS)

run: servers
	swift build
	$(LOCAL)/run-all.sh

clean:
	rm -rf .build
