import LeadTracStorage

/// The ingest service's own tables (schema `ingest`).
enum IngestSchema {
    static let migrations: [Migration] = [
        Migration(
            version: 10, name: "leads and rejections",
            sql: """
                -- One row per source record (source system + source record id): a re-send of the
                -- same record updates it (revision + 1) only when its content changed.
                CREATE TABLE leads (
                    lead_id          uuid PRIMARY KEY,
                    source_system    text NOT NULL,
                    source_record_id text NOT NULL,
                    event_type       text NOT NULL,
                    revision         integer NOT NULL,
                    content_hash     text NOT NULL,
                    canonical        jsonb NOT NULL,
                    raw_body         bytea NOT NULL,   -- the inbound body as received, for provenance
                    message_id       text NOT NULL,
                    received_at      timestamptz NOT NULL,
                    updated_at       timestamptz NOT NULL DEFAULT now(),
                    UNIQUE (source_system, source_record_id)
                );

                -- Records that could not be accepted, with every problem, kept for repair.
                CREATE TABLE rejections (
                    rejection_id     uuid PRIMARY KEY,
                    message_id       text NOT NULL,
                    event_type       text NOT NULL,
                    source_system    text NOT NULL,
                    source_record_id text,
                    reason           text NOT NULL,
                    problems         jsonb NOT NULL,
                    raw_body         bytea NOT NULL,
                    received_at      timestamptz NOT NULL,
                    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resubmitted', 'discarded'))
                );
                CREATE INDEX rejections_open ON rejections (received_at) WHERE status = 'open';
                """),
        Migration(
            version: 11, name: "arrival/departure updates",
            sql: """
                -- One row per update record (source system + source record id): a re-send is
                -- recognised and changes nothing.
                CREATE TABLE travel_updates (
                    update_id          uuid PRIMARY KEY,
                    source_system      text NOT NULL,
                    source_record_id   text NOT NULL,
                    upstream_person_id text NOT NULL,
                    canonical          jsonb NOT NULL,
                    raw_body           bytea NOT NULL,
                    message_id         text NOT NULL,
                    received_at        timestamptz NOT NULL,
                    UNIQUE (source_system, source_record_id)
                );
                CREATE INDEX travel_updates_person ON travel_updates (upstream_person_id);
                """)
    ]
}
