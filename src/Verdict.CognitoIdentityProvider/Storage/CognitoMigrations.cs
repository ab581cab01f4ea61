namespace Verdict.CognitoIdentityProvider.Storage;

/// <summary>The Cognito database schema, append-only: a released migration is never edited; a change is a new entry.</summary>
internal static class CognitoMigrations
{
    public static readonly IReadOnlyList<(int Version, string Name, string Sql)> All =
    [
        (1, "user pools, signing keys, clients, users, groups, sessions, challenges", """
            CREATE TABLE user_pools (
                account      TEXT NOT NULL,
                region       TEXT NOT NULL,
                user_pool_id TEXT NOT NULL PRIMARY KEY,
                name         TEXT NOT NULL,
                created_us   INTEGER NOT NULL,
                updated_us   INTEGER NOT NULL,
                config       TEXT NOT NULL
            );
            CREATE INDEX user_pools_by_tenant ON user_pools (account, region, user_pool_id);
            CREATE TABLE signing_keys (
                user_pool_id TEXT NOT NULL,
                kid          TEXT NOT NULL,
                use          TEXT NOT NULL,
                private_key  BLOB NOT NULL,
                created_us   INTEGER NOT NULL,
                PRIMARY KEY (user_pool_id, kid)
            );
            CREATE TABLE clients (
                client_id    TEXT NOT NULL PRIMARY KEY,
                user_pool_id TEXT NOT NULL,
                name         TEXT NOT NULL,
                secret       TEXT,
                created_us   INTEGER NOT NULL,
                updated_us   INTEGER NOT NULL,
                config       TEXT NOT NULL
            );
            CREATE INDEX clients_by_pool ON clients (user_pool_id, client_id);
            CREATE TABLE users (
                user_pool_id       TEXT NOT NULL,
                username           TEXT NOT NULL,
                sub                TEXT NOT NULL,
                enabled            INTEGER NOT NULL,
                status             TEXT NOT NULL,
                password_hash      TEXT,
                password_expires_us INTEGER,
                confirmation_hash  TEXT,
                confirmation_expires_us INTEGER,
                attributes         TEXT NOT NULL,
                created_us         INTEGER NOT NULL,
                updated_us         INTEGER NOT NULL,
                PRIMARY KEY (user_pool_id, username)
            );
            CREATE UNIQUE INDEX users_by_sub ON users (user_pool_id, sub);
            CREATE TABLE groups (
                user_pool_id TEXT NOT NULL,
                group_name   TEXT NOT NULL,
                description  TEXT,
                role_arn     TEXT,
                precedence   INTEGER,
                created_us   INTEGER NOT NULL,
                updated_us   INTEGER NOT NULL,
                PRIMARY KEY (user_pool_id, group_name)
            );
            CREATE TABLE group_members (
                user_pool_id TEXT NOT NULL,
                group_name   TEXT NOT NULL,
                username     TEXT NOT NULL,
                PRIMARY KEY (user_pool_id, group_name, username)
            );
            CREATE INDEX group_members_by_user ON group_members (user_pool_id, username);
            CREATE TABLE auth_sessions (
                origin_jti   TEXT NOT NULL PRIMARY KEY,
                user_pool_id TEXT NOT NULL,
                client_id    TEXT NOT NULL,
                username     TEXT NOT NULL,
                refresh_hash TEXT NOT NULL UNIQUE,
                auth_time_us INTEGER NOT NULL,
                expires_us   INTEGER NOT NULL,
                revoked      INTEGER NOT NULL
            );
            CREATE INDEX auth_sessions_by_user ON auth_sessions (user_pool_id, username);
            CREATE TABLE challenges (
                session_hash TEXT NOT NULL PRIMARY KEY,
                user_pool_id TEXT NOT NULL,
                client_id    TEXT NOT NULL,
                username     TEXT NOT NULL,
                challenge    TEXT NOT NULL,
                expires_us   INTEGER NOT NULL
            );
            """),
    ];
}
