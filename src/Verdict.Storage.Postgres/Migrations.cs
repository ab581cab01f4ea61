namespace Verdict.Storage.Postgres;

/// <summary>
/// The schema, as an append-only list: a migration, once released, is never edited; a change is a new entry.
/// Every table is keyed by (account, region) first, so tenants never see each other's rows.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Name, string Sql)> All =
    [
        (1, "policy stores, tags, aliases, client tokens", """
            CREATE TABLE policy_stores (
                seq                 BIGSERIAL PRIMARY KEY,
                account             TEXT NOT NULL,
                region              TEXT NOT NULL,
                policy_store_id     TEXT NOT NULL,
                validation_mode     TEXT NOT NULL,
                deletion_protection TEXT NOT NULL,
                description         TEXT,
                encryption_state    TEXT NOT NULL,
                cedar_version       TEXT NOT NULL,
                created_us          BIGINT NOT NULL,
                updated_us          BIGINT NOT NULL,
                version             BIGINT NOT NULL,
                UNIQUE (account, region, policy_store_id)
            );
            CREATE TABLE policy_store_tags (
                account         TEXT NOT NULL,
                region          TEXT NOT NULL,
                policy_store_id TEXT NOT NULL,
                tag_key         TEXT NOT NULL,
                tag_value       TEXT NOT NULL,
                PRIMARY KEY (account, region, policy_store_id, tag_key)
            );
            CREATE TABLE policy_store_aliases (
                seq             BIGSERIAL PRIMARY KEY,
                account         TEXT NOT NULL,
                region          TEXT NOT NULL,
                alias_name      TEXT NOT NULL,
                policy_store_id TEXT NOT NULL,
                created_us      BIGINT NOT NULL,
                state           TEXT NOT NULL,
                deletion_us     BIGINT,
                UNIQUE (account, region, alias_name)
            );
            CREATE INDEX policy_store_aliases_by_store ON policy_store_aliases (account, region, policy_store_id);
            CREATE TABLE client_tokens (
                account     TEXT NOT NULL,
                region      TEXT NOT NULL,
                operation   TEXT NOT NULL,
                token       TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                resource_id TEXT NOT NULL,
                response    TEXT NOT NULL,
                created_us  BIGINT NOT NULL,
                PRIMARY KEY (account, region, operation, token)
            );
            """),
        (2, "policies, policy templates, schemas", """
            CREATE TABLE policies (
                seq                   BIGSERIAL PRIMARY KEY,
                account               TEXT NOT NULL,
                region                TEXT NOT NULL,
                policy_store_id       TEXT NOT NULL,
                policy_id             TEXT NOT NULL,
                policy_type           TEXT NOT NULL,
                name                  TEXT,
                statement             TEXT,
                description           TEXT,
                template_id           TEXT,
                linked_principal_type TEXT,
                linked_principal_id   TEXT,
                linked_resource_type  TEXT,
                linked_resource_id    TEXT,
                principal_type        TEXT,
                principal_id          TEXT,
                resource_type         TEXT,
                resource_id           TEXT,
                actions               TEXT,
                effect                TEXT NOT NULL,
                created_us            BIGINT NOT NULL,
                updated_us            BIGINT NOT NULL,
                UNIQUE (account, region, policy_store_id, policy_id),
                UNIQUE (account, region, policy_store_id, name)
            );
            CREATE INDEX policies_by_template ON policies (account, region, policy_store_id, template_id);
            CREATE TABLE policy_templates (
                seq                BIGSERIAL PRIMARY KEY,
                account            TEXT NOT NULL,
                region             TEXT NOT NULL,
                policy_store_id    TEXT NOT NULL,
                policy_template_id TEXT NOT NULL,
                name               TEXT,
                description        TEXT,
                statement          TEXT NOT NULL,
                created_us         BIGINT NOT NULL,
                updated_us         BIGINT NOT NULL,
                UNIQUE (account, region, policy_store_id, policy_template_id),
                UNIQUE (account, region, policy_store_id, name)
            );
            CREATE TABLE schemas (
                account         TEXT NOT NULL,
                region          TEXT NOT NULL,
                policy_store_id TEXT NOT NULL,
                schema_json     TEXT NOT NULL,
                namespaces      TEXT NOT NULL,
                created_us      BIGINT NOT NULL,
                updated_us      BIGINT NOT NULL,
                PRIMARY KEY (account, region, policy_store_id)
            );
            """),
        (3, "identity sources", """
            CREATE TABLE identity_sources (
                seq                   BIGSERIAL PRIMARY KEY,
                account               TEXT NOT NULL,
                region                TEXT NOT NULL,
                policy_store_id       TEXT NOT NULL,
                identity_source_id    TEXT NOT NULL,
                principal_entity_type TEXT NOT NULL,
                configuration         TEXT NOT NULL,
                created_us            BIGINT NOT NULL,
                updated_us            BIGINT NOT NULL,
                UNIQUE (account, region, policy_store_id, identity_source_id)
            );
            """),
        // Every CreatePolicy and UpdatePolicy sums the policies of its resource (the per-resource size quota), and
        // ListPolicies filters by principal or resource: without these, each was a scan of the store's policies.
        (4, "policies by principal and by resource", """
            CREATE INDEX policies_by_resource ON policies (account, region, policy_store_id, resource_type, resource_id, seq);
            CREATE INDEX policies_by_principal ON policies (account, region, policy_store_id, principal_type, principal_id, seq);
            """),
    ];
}
