namespace Verdict.Testing;

public static partial class ExternalCommand
{
    /// <summary><c>aws cognito-idp …</c> against the server.</summary>
    public static Result Aws(string endpoint, params string[] arguments) =>
        Run("aws", ["cognito-idp", .. arguments, "--endpoint-url", endpoint, "--output", "json"]);
}
