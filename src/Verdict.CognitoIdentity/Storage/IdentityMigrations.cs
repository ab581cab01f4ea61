namespace Verdict.CognitoIdentity.Storage;

/// <summary>The identity pool database schema, append-only: a released migration is never edited; a change is a new entry.</summary>
internal static class IdentityMigrations
{
    public static readonly IReadOnlyList<(int Version, string Name, string Sql)> All =
    [
        (1, "identity pools, identities, logins, issuer keys", """
            CREATE TABLE identity_pools (
                identity_pool_id TEXT NOT NULL PRIMARY KEY,
                account          TEXT NOT NULL,
                region           TEXT NOT NULL,
                name             TEXT NOT NULL,
                created_us       INTEGER NOT NULL,
                updated_us       INTEGER NOT NULL,
                config           TEXT NOT NULL
            );
            CREATE INDEX identity_pools_by_tenant ON identity_pools (account, region, identity_pool_id);
            CREATE TABLE identities (
                identity_id      TEXT NOT NULL PRIMARY KEY,
                identity_pool_id TEXT NOT NULL,
                created_us       INTEGER NOT NULL,
                updated_us       INTEGER NOT NULL,
                enabled          INTEGER NOT NULL
            );
            CREATE INDEX identities_by_pool ON identities (identity_pool_id, identity_id);
            CREATE TABLE logins (
                identity_pool_id TEXT NOT NULL,
                provider         TEXT NOT NULL,
                subject          TEXT NOT NULL,
                identity_id      TEXT NOT NULL,
                linked_us        INTEGER NOT NULL,
                PRIMARY KEY (identity_pool_id, provider, subject)
            );
            CREATE INDEX logins_by_identity ON logins (identity_id);
            CREATE TABLE issuer_keys (
                kid          TEXT NOT NULL PRIMARY KEY,
                private_key  BLOB NOT NULL,
                created_us   INTEGER NOT NULL
            );
            """),
    ];
}
