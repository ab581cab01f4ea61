namespace Verdict.Testing;

public static partial class ExternalCommand
{
    /// <summary><c>aws cognito-identity …</c> against the server.</summary>
    public static Result Aws(string endpoint, params string[] arguments) =>
        Run("aws", ["cognito-identity", .. arguments, "--endpoint-url", endpoint, "--output", "json"]);
}
