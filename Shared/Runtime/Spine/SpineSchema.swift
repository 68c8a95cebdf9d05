import LeadTracStorage

/// The tables every consuming or publishing service keeps in its own schema.
///
/// Versions 1–9 are reserved for the spine; a service's own migrations start at 10, so both
/// live in one ordered `schema_migrations` history per schema.
public enum SpineSchema {
    public static let migrations: [Migration] = [
        Migration(
            version: 1, name: "spine inbox and outbox",
            sql: """
                -- Ids of messages whose effects are committed: a redelivery finds its id here
                -- and changes nothing. Rows older than the retention window are deleted.
                CREATE TABLE inbox (
                    message_key  text PRIMARY KEY,
                    queue        text NOT NULL,
                    processed_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX inbox_processed_at ON inbox (processed_at);

                -- Messages written in the same transaction as the effect that produced them,
                -- published by the relay with publisher confirms, then deleted.
                CREATE TABLE outbox (
                    seq            bigserial PRIMARY KEY,
                    message_id     text NOT NULL,
                    exchange       text NOT NULL,
                    routing_key    text NOT NULL,
                    message_type   text,
                    content_type   text,
                    correlation_id text,
                    headers        jsonb NOT NULL,
                    body           bytea NOT NULL,
                    created_at     timestamptz NOT NULL DEFAULT now()
                );
                """),
        Migration(
            version: 2, name: "accounts read model",
            sql: """
                -- The latest state of each user account (from account.changed.v1), checked on
                -- every HTTP request so an archived account is refused even with a valid token.
                CREATE TABLE accounts (
                    user_id    text PRIMARY KEY,
                    roles      text[] NOT NULL,
                    archived   boolean NOT NULL,
                    version    bigint NOT NULL,
                    changed_at timestamptz NOT NULL
                );
                """),
        Migration(
            version: 3, name: "outbox rows stay uncompressed",
            sql: """
                -- A message waits here for milliseconds. Compressing its body (lz4, for rows over
                -- ~2 kB, as most lead.matched.v1 are) on insert and decompressing it for the relay
                -- was work thrown away: rows up to a page now stay inline as they are.
                ALTER TABLE outbox SET (toast_tuple_target = 8160);
                """),
    ]

    /// The channel the relay LISTENs on; writers NOTIFY it in the transaction that adds rows.
    public static func outboxChannel(schema: String) -> String { "leadtrac_outbox_\(schema)" }
}
