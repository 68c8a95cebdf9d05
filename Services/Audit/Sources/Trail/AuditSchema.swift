import LeadTracStorage

/// The audit service's tables (schema `audit`).
enum AuditSchema {
    static let migrations: [Migration] = [
        Migration(
            version: 10, name: "append-only trail, checkpoints, account registry",
            sql: """
                -- The trail: one row per audit event, position dense from 1, each chained to the
                -- previous by hash (AuditCore). `canonical` holds the exact bytes that were
                -- hashed; the other columns repeat its fields for queries, and verification
                -- checks they still agree with it.
                CREATE TABLE events (
                    position      bigint PRIMARY KEY,
                    event_id      text NOT NULL UNIQUE,
                    time          timestamptz NOT NULL,
                    actor         text NOT NULL,
                    role          text NOT NULL,
                    service       text NOT NULL,
                    action        text NOT NULL,
                    object_type   text,
                    object_id     text,
                    outcome       text NOT NULL,
                    request_id    text,
                    subject_ids   text[] NOT NULL,
                    lead_ids      text[] NOT NULL,
                    disclosure    boolean NOT NULL,
                    canonical     bytea NOT NULL,
                    previous_hash bytea NOT NULL,
                    hash          bytea NOT NULL,
                    recorded_at   timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX events_actor ON events (actor, time);
                CREATE INDEX events_action ON events (action, time);
                CREATE INDEX events_time ON events (time);
                CREATE INDEX events_subjects ON events USING gin (subject_ids);
                CREATE INDEX events_leads ON events USING gin (lead_ids);
                CREATE INDEX events_disclosures ON events USING gin (subject_ids) WHERE disclosure;

                -- Append-only, twice over: the service's own role may not change or remove rows
                -- (grants) and nobody may, whatever their grants, while the trigger stands.
                CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
                    FOR EACH ROW EXECUTE FUNCTION refuse_change();
                CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
                REVOKE UPDATE, DELETE, TRUNCATE ON events FROM CURRENT_USER;

                -- The end of the chain, so an append needs no scan. A cache only: verification
                -- recomputes everything from `events`.
                CREATE TABLE chain_head (
                    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                    position  bigint NOT NULL,
                    hash      bytea NOT NULL
                );
                INSERT INTO chain_head (position, hash) VALUES (0, '\\x0000000000000000000000000000000000000000000000000000000000000000');

                -- Signed Merkle checkpoints over the first `tree_size` events.
                CREATE TABLE checkpoints (
                    tree_size   bigint PRIMARY KEY,
                    merkle_root bytea NOT NULL,
                    chain_head  bytea NOT NULL,
                    signed_at   timestamptz NOT NULL,
                    key_id      text NOT NULL,
                    signature   bytea NOT NULL,
                    frontier    bytea NOT NULL   -- compact Merkle state (32-byte hashes, concatenated)
                );
                CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
                    FOR EACH ROW EXECUTE FUNCTION refuse_change();
                REVOKE UPDATE, DELETE, TRUNCATE ON checkpoints FROM CURRENT_USER;

                -- The account registry (source of truth; every service keeps a copy in `accounts`).
                CREATE TABLE account_registry (
                    user_id    text PRIMARY KEY,
                    roles      text[] NOT NULL,
                    archived   boolean NOT NULL DEFAULT false,
                    version    bigint NOT NULL,
                    changed_by text NOT NULL,
                    changed_at timestamptz NOT NULL
                );
                """),
    ]
}
