import LeadTracStorage

/// The prioritizer's own tables (schema `prioritizer`).
enum PrioritizerSchema {
    static let migrations: [Migration] = [
        Migration(
            version: 10, name: "rule sets, lead facts, scores",
            sql: """
                -- Every rule set ever loaded, by identity (declared version + content hash). Exactly
                -- one is active: the one new and updated leads are scored with. The YAML is kept as
                -- written (comments included) so any past score can be explained from its version.
                CREATE TABLE rule_sets (
                    version          text PRIMARY KEY,
                    declared_version text NOT NULL,
                    file_name        text NOT NULL,
                    yaml             text NOT NULL,
                    active           boolean NOT NULL DEFAULT false,
                    created_at       timestamptz NOT NULL DEFAULT now(),
                    activated_at     timestamptz,
                    activated_by     text
                );
                CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets ((true)) WHERE active;

                -- The read model the rules evaluate: one row per lead, one column per fact of the
                -- PrioritizerCore catalogue (FactField; `.` becomes `_`), NULL when missing. Typed
                -- columns rather than a JSON document because activation and what-if runs read
                -- every open lead (a million rows): a typed row decodes an order of magnitude
                -- faster. A new catalogue fact needs a migration adding its column (a unit test
                -- checks that every fact has one). Derived facts (days_overstayed) are not stored.
                CREATE TABLE lead_facts (
                    lead_id                       uuid PRIMARY KEY,
                    subject_id                    uuid NOT NULL,
                    revision                      integer NOT NULL,
                    -- Until workflow announces lead states, every lead is open (docs/architecture.md).
                    open                          boolean NOT NULL DEFAULT true,
                    lead_kind                     text,
                    lead_category                 text,
                    lead_source                   text,
                    lead_received_at              timestamptz,
                    risk_national_security        boolean,
                    risk_wants_warrants           boolean,
                    risk_criminal_history         boolean,
                    risk_indicators               text[],
                    visa_class                    text,
                    visa_admitted_until           timestamptz,
                    student_programme_id          text,
                    student_status                text,
                    address_us_last_seen          timestamptz,
                    subject_prior_leads           double precision,
                    subject_departed              boolean,
                    subject_protected             boolean,
                    subject_categories            text[],
                    enrichment_has_current_address boolean,
                    updated_at                    timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX lead_facts_subject ON lead_facts (subject_id);

                -- Scores, one per lead and rule set: the explanation (PrioritizerCore's Score as
                -- JSON: fired rules, their points, the facts they read) with points and tier beside
                -- it for queries. A lead's current score is its latest (scored_at); older rule sets'
                -- rows stay, so a past priority can still be explained.
                CREATE TABLE scores (
                    lead_id          uuid NOT NULL,
                    rule_set_version text NOT NULL,
                    revision         integer NOT NULL,
                    points           integer NOT NULL,
                    tier             text NOT NULL,
                    score            jsonb NOT NULL,
                    scored_at        timestamptz NOT NULL,
                    PRIMARY KEY (lead_id, rule_set_version)
                );
                """),
        Migration(
            version: 11, name: "identifiers of each lead",
            sql: """
                -- type:value keys of the lead's identifiers, to find the leads an arrival/departure
                -- update is about.
                ALTER TABLE lead_facts ADD COLUMN identifiers text[] NOT NULL DEFAULT '{}';
                CREATE INDEX lead_facts_identifiers ON lead_facts USING gin (identifiers);
                """)
    ]
}
