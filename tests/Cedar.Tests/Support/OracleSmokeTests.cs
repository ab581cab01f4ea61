using Cedar.Tests.Support;

namespace Cedar.Tests;

public class OracleSmokeTests
{
    [Fact]
    public void Oracle_reports_its_version()
    {
        var v = CedarOracle.Shared.Call("getCedarVersion", "\"\"");
        Assert.Equal("4.13.0", v.GetValue<string>());
    }
}
