using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verdict.Auth;
using Verdict.CognitoIdentity;
using Verdict.CognitoIdentity.Tokens;
using Verdict.CognitoIdentityProvider;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.Storage.Postgres;
using Verdict.Storage.Sqlite;
using Verdict.VerifiedPermissions;

namespace Verdict.Server;

/// <summary>Composition of the server: storage, services, the AWS JSON endpoint and health. No logic lives here.</summary>
public static partial class ServerHost
{
    public static WebApplication Build(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.Host is "localhost")
            {
                kestrel.ListenLocalhost(options.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
            }
        });

        builder.Services.AddSingleton(TimeProvider.System);
        var credentials = CredentialStore.FromProcessEnvironment(options.CredentialsPath);
        builder.Services.AddSingleton(credentials);
        builder.Services.AddSingleton<ICredentialResolver>(credentials);
        builder.Services.AddSingleton<IRequestAuthenticator>(options.NoAuth
            ? new UncheckedRequestAuthenticator(credentials)
            : new SigV4RequestAuthenticator(credentials, TimeProvider.System));
        // VERDICT_POSTGRES_CONNECTION (an Npgsql connection string) selects the PostgreSQL backend instead of SQLite.
        var postgres = Environment.GetEnvironmentVariable("VERDICT_POSTGRES_CONNECTION");
        builder.Services.AddSingleton<IVerdictStorage>(string.IsNullOrEmpty(postgres)
            ? new SqliteVerdictStorage(options.DatabasePath)
            : new PostgresVerdictStorage(postgres));
        builder.Services.AddVerifiedPermissions();
        builder.Services.AddCognitoIdentityProvider(cognito =>
        {
            cognito.DataDirectory = options.DataDirectory;
            cognito.PublicBaseUrl = options.PublicUrl;
            cognito.TokenVerification.AllowHttpLoopbackIssuers = options.AllowHttpLoopbackIssuers;
            foreach (var (issuer, file) in options.PinnedJwksFiles)
            {
                cognito.TokenVerification.PinnedJwksFiles[issuer] = Path.GetFullPath(file);
            }
        });
        builder.Services.AddCognitoIdentity(identity => identity.DataDirectory = options.DataDirectory);
        builder.Services.AddSingleton<AwsJsonDispatcher>();

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<AwsJsonDispatcher>();
        app.MapPost("/", dispatcher.HandleAsync);
        app.MapCognitoWellKnown();
        app.MapCognitoIdentityWellKnown();
        app.MapGet("/health", static context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("ok");
        });
        return app;
    }

    /// <summary>Runs until SIGTERM or Ctrl-C. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        await using var app = Build(options);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Verdict");
        var credentials = app.Services.GetRequiredService<CredentialStore>();
        if (!options.IsLoopback)
        {
            if (options.NoAuth)
            {
                LogRefused(logger, options.Host, "--no-auth is only allowed on a loopback address");
                return 2;
            }

            if (credentials.UsesDefaultCredentials)
            {
                if (!options.AllowDefaultCredentialsOnNetwork)
                {
                    LogRefused(logger, options.Host, "only the development key test/test is configured; set VERDICT_ACCESS_KEY_ID/VERDICT_SECRET_ACCESS_KEY or a credentials file, or pass --allow-default-credentials-on-network");
                    return 2;
                }

                LogDefaultCredentialsOnNetwork(logger, options.Host);
            }
        }

        if (credentials.LastFileError is { } fileError)
        {
            LogCredentialsFileError(logger, options.CredentialsPath, fileError);
        }
        try
        {
            await app.Services.GetRequiredService<IVerdictStorage>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            LogStartFailed(logger, options.Host, options.Port, exception.Message);
            return 3;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogListening(logger, string.Join(", ", addresses), options.DatabasePath);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Verdict listening on {Addresses} (data: {DatabasePath})")]
    private static partial void LogListening(ILogger logger, string addresses, string databasePath);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Verdict refuses to listen on {Host}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Verdict is listening on {Host} with the development key test/test: anyone who can reach it can call it")]
    private static partial void LogDefaultCredentialsOnNetwork(ILogger logger, string host);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The credentials file {Path} could not be read: {Reason}")]
    private static partial void LogCredentialsFileError(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "Verdict could not listen on {Host}:{Port}: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string host, int port, string reason);
}
