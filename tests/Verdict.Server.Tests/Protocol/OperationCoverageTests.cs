using Microsoft.Extensions.DependencyInjection;
using Verdict.Protocol;

namespace Verdict.Server.Tests.Protocol;

/// <summary>
/// The composed server against the embedded botocore models: Verified Permissions and Cognito Identity serve every
/// operation their model defines; Cognito user pools serve a documented subset and nothing outside the model.
/// </summary>
public sealed class OperationCoverageTests
{
    [Theory]
    [InlineData("VerifiedPermissions", 34)]
    [InlineData("AWSCognitoIdentityService", 23)]
    public async Task Every_operation_of_the_model_is_served(string targetPrefix, int modelledOperations)
    {
        await WithServicesAsync(services =>
        {
            var service = services.Single(s => s.TargetPrefix == targetPrefix);
            var modelled = service.Model!.OperationNames.Order(StringComparer.Ordinal).ToList();
            Assert.Equal(modelledOperations, modelled.Count);
            Assert.Equal(modelled, service.Operations.Keys.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public async Task User_pools_serve_only_modelled_operations()
    {
        await WithServicesAsync(services =>
        {
            var service = services.Single(s => s.TargetPrefix == "AWSCognitoIdentityProviderService");
            var modelled = service.Model!.OperationNames.ToHashSet(StringComparer.Ordinal);
            Assert.All(service.Operations.Keys, operation => Assert.Contains(operation, modelled));
            Assert.Contains("InitiateAuth", service.Operations.Keys);
        });
    }

    private static async Task WithServicesAsync(Action<IReadOnlyList<AwsJsonService>> check)
    {
        var data = Path.Combine(Path.GetTempPath(), "verdict-coverage-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var app = ServerHost.Build(new ServerOptions(Port: 0, DataDirectory: data)))
            {
                check([.. app.Services.GetServices<AwsJsonService>()]);
            }
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
