using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Tests.Envelope;

public sealed class EndpointSchemaTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public void Every_api_endpoint_declares_its_parameters()
    {
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint => Assert.True(endpoint.Metadata.GetMetadata<ParameterSchema>() is not null,
            $"{endpoint.DisplayName} declares no ParameterSchema (it would refuse every parameter)"));
    }
}
