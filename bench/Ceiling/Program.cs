// The HTTP ceiling for the bench: the least a Kestrel endpoint can do for a POST (read the body, write a fixed JSON
// answer), configured as Verdict's server is (Kestrel on loopback, minimal API, no logging per request).
// usage: Ceiling PORT
using System.Net;

var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8350;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
var app = builder.Build();
var answer = """{"decision":"ALLOW","determiningPolicies":[{"policyId":"SPtGvHmUrbqMeXPRi4Y6yc"}],"errors":[]}"""u8.ToArray();
app.MapPost("/", async context =>
{
    // Drain the body as a real endpoint must before answering.
    var buffer = new byte[16384];
    while (await context.Request.Body.ReadAsync(buffer) > 0)
    {
    }

    context.Response.ContentType = "application/x-amz-json-1.0";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer);
});
app.MapGet("/health", () => "ok");
app.Run();
