import LeadTracStorage

/// The workflow service's tables (schema `workflow`): its read model of leads, their history,
/// notes and findings, and the records that make referrals, stop-updates and weekly extracts
/// happen once.
enum WorkflowSchema {
    static let migrations: [Migration] = [
        Migration(
            version: 10, name: "leads, history, notes, once-only records",
            sql: """
                -- One row per lead: the workflow state (the state machine's LeadWorkflow as JSON,
                -- with the columns queues and statistics need) and what other services said about
                -- it (canonical lead, subject summary, priority with its explanation).
                CREATE TABLE leads (
                    lead_id          text PRIMARY KEY,
                    subject_id       text,
                    state            text NOT NULL DEFAULT 'queued',
                    version          integer NOT NULL DEFAULT 1,
                    workflow         jsonb,
                    assignee         text,
                    state_entered_at timestamptz NOT NULL DEFAULT now(),
                    queued_at        timestamptz NOT NULL DEFAULT now(),
                    tier             text,          -- P1, P2, P3 or belowThreshold; NULL until prioritised
                    tier_rank        integer,       -- 0 = P1 … for ordering
                    points           integer,
                    priority         jsonb,
                    category         text,
                    source           text,
                    revision         integer,
                    lead             jsonb,
                    subject          jsonb,
                    reopened_changes text[],
                    identifiers      text[] NOT NULL DEFAULT '{}',  -- type:value, to find the lead an arrival/departure update is about
                    travel_updates   jsonb NOT NULL DEFAULT '[]',   -- the arrival/departure updates received about it
                    extracted_week   text,          -- the weekly extract that carried it (below threshold)
                    disposed_at      timestamptz,
                    created_at       timestamptz NOT NULL DEFAULT now(),
                    updated_at       timestamptz NOT NULL DEFAULT now()
                );
                -- take-next: the oldest lead of the highest tier still queued.
                CREATE INDEX leads_take_next ON leads (tier_rank, queued_at) WHERE state = 'queued' AND tier_rank < 3;
                CREATE INDEX leads_subject ON leads (subject_id);
                CREATE INDEX leads_assignee ON leads (assignee) WHERE assignee IS NOT NULL;
                CREATE INDEX leads_identifiers ON leads USING gin (identifiers);

                -- Every transition, with who, when and why (the state machine's Transition as JSON).
                CREATE TABLE history (
                    lead_id    text NOT NULL,
                    version    integer NOT NULL,
                    transition jsonb NOT NULL,
                    at         timestamptz NOT NULL,
                    PRIMARY KEY (lead_id, version)
                );

                -- Notes and structured findings recorded during workup.
                CREATE TABLE notes (
                    note_id    uuid PRIMARY KEY,
                    lead_id    text NOT NULL,
                    author     text NOT NULL,
                    kind       text NOT NULL CHECK (kind IN ('note', 'finding')),
                    body       text,
                    finding    jsonb,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX notes_lead ON notes (lead_id, created_at);

                -- One referral per lead, one stop-updates indicator per subject, one extract per week.
                CREATE TABLE referrals (
                    referral_id text PRIMARY KEY,
                    lead_id     text NOT NULL UNIQUE,
                    office_id   text NOT NULL,
                    created_at  timestamptz NOT NULL DEFAULT now()
                );
                CREATE TABLE stop_updates (
                    subject_id text PRIMARY KEY,
                    reason     text NOT NULL,
                    sent_at    timestamptz NOT NULL DEFAULT now()
                );
                CREATE TABLE weekly_extracts (
                    week       text PRIMARY KEY,
                    lead_count integer NOT NULL,
                    file       text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                """),
        Migration(
            version: 11, name: "enrichment requests and provider results",
            sql: """
                -- What analysts asked the provider gateway for, and what came back. A provider's
                -- item stays unconfirmed until an analyst accepts (it becomes a finding with the
                -- provider as its source) or rejects it.
                CREATE TABLE enrichment_requests (
                    request_id   text PRIMARY KEY,
                    lead_id      text NOT NULL,
                    purpose      text NOT NULL,
                    wanted       text[] NOT NULL,
                    requested_by text NOT NULL,
                    requested_at timestamptz NOT NULL DEFAULT now(),
                    completed_at timestamptz
                );
                CREATE INDEX enrichment_requests_lead ON enrichment_requests (lead_id);
                CREATE TABLE enrichment_items (
                    item_id     text PRIMARY KEY,
                    request_id  text NOT NULL,
                    lead_id     text NOT NULL,
                    kind        text NOT NULL,
                    fields      jsonb NOT NULL,
                    provider    text NOT NULL,
                    observed_at timestamptz,
                    status      text NOT NULL DEFAULT 'unconfirmed' CHECK (status IN ('unconfirmed', 'accepted', 'rejected')),
                    decided_by  text,
                    decided_at  timestamptz
                );
                CREATE INDEX enrichment_items_lead ON enrichment_items (lead_id);
                """)
    ]
}
