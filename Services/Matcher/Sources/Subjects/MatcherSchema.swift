import LeadTracStorage

/// The matcher's own tables (schema `matcher`).
enum MatcherSchema {
    static let migrations: [Migration] = [
        Migration(
            version: 10, name: "subjects, blocking keys, lead links, reviews",
            sql: """
                -- One row per subject. Ids are random UUIDs, never reused: a merged subject keeps
                -- its row (status 'merged', merged_into the survivor) so old references resolve.
                CREATE TABLE subjects (
                    subject_id   uuid PRIMARY KEY,
                    kind         text NOT NULL CHECK (kind IN ('person', 'organisation')),
                    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
                    merged_into  uuid REFERENCES subjects (subject_id),
                    -- The merged MatchRecord (MatcherCore) every lead contributed to: what is scored.
                    record       jsonb NOT NULL,
                    -- Which lead (source system, record) contributed each value of `record`:
                    -- parallel to its arrays, indices into a list of sources; no values.
                    provenance   jsonb NOT NULL,
                    primary_name text NOT NULL,
                    lead_count   integer NOT NULL DEFAULT 0,
                    categories   text[] NOT NULL DEFAULT '{}',
                    departed     boolean,
                    created_at   timestamptz NOT NULL DEFAULT now(),
                    updated_at   timestamptz NOT NULL DEFAULT now(),
                    CHECK ((status = 'merged') = (merged_into IS NOT NULL))
                );

                -- Candidate retrieval: every blocking key of every active subject. Keys hold
                -- folded names and identifier values (personal data): never log them.
                CREATE TABLE subject_keys (
                    key        text NOT NULL,
                    subject_id uuid NOT NULL REFERENCES subjects (subject_id),
                    PRIMARY KEY (key, subject_id)
                );
                CREATE INDEX subject_keys_subject ON subject_keys (subject_id);

                -- Term frequencies, insert-only (no hot counter rows for concurrent consumers to
                -- queue on): one row per subject and distinct value of each kind ('family' name
                -- and its tokens, 'given' first name), counted with a cap when a lead is scored.
                CREATE TABLE subject_terms (
                    term_kind  text NOT NULL,
                    value      text NOT NULL,
                    subject_id uuid NOT NULL REFERENCES subjects (subject_id),
                    PRIMARY KEY (term_kind, value, subject_id)
                );

                -- One row per lead: the subject it is attached to and the decision that put it
                -- there (kept, so a replay re-emits the same decision instead of re-deciding).
                CREATE TABLE lead_links (
                    lead_id          uuid PRIMARY KEY,
                    subject_id       uuid NOT NULL REFERENCES subjects (subject_id),
                    decision         text NOT NULL CHECK (decision IN ('autoLink', 'newSubject', 'review', 'existingLink')),
                    score            double precision,
                    explanation      jsonb NOT NULL,
                    summary          jsonb NOT NULL,
                    review_id        uuid,
                    source_system    text NOT NULL,
                    source_record_id text,
                    revision         integer NOT NULL,
                    category         text NOT NULL,
                    message_id       text NOT NULL,
                    linked_at        timestamptz NOT NULL DEFAULT now(),
                    updated_at       timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX lead_links_subject ON lead_links (subject_id);

                -- Uncertain matches for a person to decide: the lead got a subject of its own
                -- (subject_id); candidates are the existing subjects it may be, best first.
                CREATE TABLE review_items (
                    review_id   uuid PRIMARY KEY,
                    lead_id     uuid NOT NULL,
                    revision    integer NOT NULL,
                    subject_id  uuid NOT NULL REFERENCES subjects (subject_id),
                    candidates  jsonb NOT NULL,   -- [{"subjectID": ..., "score": ...}]
                    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'distinct', 'dismissed')),
                    created_at  timestamptz NOT NULL DEFAULT now(),
                    resolved_at timestamptz,
                    resolved_by text,
                    UNIQUE (lead_id, revision)
                );
                CREATE INDEX review_items_open ON review_items (created_at) WHERE status = 'open';

                -- Human decisions about pairs of subjects ('same' or 'different'), so a pair a
                -- reviewer kept apart is not offered again. subject_a < subject_b.
                CREATE TABLE pair_decisions (
                    subject_a  uuid NOT NULL,
                    subject_b  uuid NOT NULL,
                    decision   text NOT NULL CHECK (decision IN ('same', 'different')),
                    decided_by text NOT NULL,
                    reason     text,
                    decided_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (subject_a, subject_b),
                    CHECK (subject_a < subject_b)
                );
                """),
        Migration(
            version: 11, name: "review API: subject versions, decision history, search index",
            sql: """
                -- Optimistic concurrency for merge and split (ETag / If-Match): bumped by every
                -- change of the subject row, by the handler and by the API alike.
                ALTER TABLE subjects ADD COLUMN version integer NOT NULL DEFAULT 1;

                -- 'unsure' is remembered like the others (the review item stays open).
                ALTER TABLE pair_decisions DROP CONSTRAINT pair_decisions_decision_check;
                ALTER TABLE pair_decisions ADD CONSTRAINT pair_decisions_decision_check
                    CHECK (decision IN ('same', 'different', 'unsure'));

                -- Every reviewer decision on a review item, in order (notes included).
                CREATE TABLE review_decisions (
                    id          bigserial PRIMARY KEY,
                    review_id   uuid NOT NULL REFERENCES review_items (review_id),
                    candidate   uuid,
                    decision    text NOT NULL CHECK (decision IN ('same', 'different', 'unsure')),
                    decided_by  text NOT NULL,
                    note        text,
                    decided_at  timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX review_decisions_review ON review_decisions (review_id);

                -- Search by date of birth alone (blocking keys always pair the date with a name).
                CREATE INDEX subjects_date_of_birth ON subjects ((record -> 'dateOfBirth')) WHERE status = 'active';
                -- Review items naming a subject (merge re-points them).
                CREATE INDEX review_items_subject ON review_items (subject_id);
                """),
        Migration(
            version: 12, name: "packed subject records for candidate retrieval",
            sql: """
                -- `record` in MatcherCore's packed text form (MatchRecord.packed), written with it
                -- on every change: retrieval reads tens of records per lead, and parsing this is
                -- an order of magnitude cheaper than decoding the JSON. NULL for rows last written
                -- before this migration (retrieval then reads the JSON).
                ALTER TABLE subjects ADD COLUMN packed text;
                """),
        Migration(
            version: 13, name: "blocking keys carry the transaction that wrote them",
            sql: """
                -- The transaction id that inserted each key row. The matcher's in-memory blocking
                -- index (BlockingIndex) loads the table once, then reads only rows written by
                -- transactions at or after its watermark, the oldest transaction that was still
                -- running when it last looked: every other row it has seen. Rows from before this
                -- migration count as written at the start of time, so a fresh load covers them.
                ALTER TABLE subject_keys ADD COLUMN written xid8 NOT NULL DEFAULT '1';
                ALTER TABLE subject_keys ALTER COLUMN written SET DEFAULT pg_current_xact_id();
                CREATE INDEX subject_keys_written ON subject_keys (written);
                """),
        Migration(
            version: 14, name: "subjects carry the transaction that last wrote them",
            sql: """
                -- As for subject_keys (migration 13): the matcher holds every subject's packed
                -- record in memory next to its blocking keys (BlockingIndex) and catches up with
                -- the rows written since its watermark. Set on insert by the default and on every
                -- update by the trigger, so no writer can forget it.
                ALTER TABLE subjects ADD COLUMN written xid8 NOT NULL DEFAULT '1';
                ALTER TABLE subjects ALTER COLUMN written SET DEFAULT pg_current_xact_id();
                CREATE FUNCTION subjects_written() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.written := pg_current_xact_id();
                    RETURN NEW;
                END $$;
                CREATE TRIGGER subjects_written BEFORE UPDATE ON subjects
                    FOR EACH ROW EXECUTE FUNCTION subjects_written();
                CREATE INDEX subjects_written ON subjects (written);
                """),
    ]
}
