using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verdict.Protocol;
using Verdict.Storage;
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
        builder.Services.AddSingleton<IVerdictStorage>(new SqliteVerdictStorage(options.DatabasePath));
        builder.Services.AddVerifiedPermissions();
        builder.Services.AddSingleton<AwsJsonDispatcher>();

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<AwsJsonDispatcher>();
        app.MapPost("/", dispatcher.HandleAsync);
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

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "Verdict could not listen on {Host}:{Port}: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string host, int port, string reason);
}
