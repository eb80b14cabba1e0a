namespace PveCluster.Api.Envelope;

/// <summary>
/// Reads and checks every API request's parameters against its endpoint's <see cref="ParameterSchema"/> before the
/// handler runs; handlers take them with <see cref="RequestParameters.Of"/>.
/// </summary>
public static class ParameterFilter
{
    public static TBuilder WithParameters<TBuilder>(this TBuilder builder, ParameterSchema schema)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(schema);
        return builder.WithMetadata(schema);
    }

    /// <summary>Adds the check to every endpoint of <paramref name="group"/>; an endpoint that declares nothing takes no parameters.</summary>
    public static void AddTo(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var schema = http.GetEndpoint()?.Metadata.GetMetadata<ParameterSchema>() ?? ParameterSchema.None;
            if (schema.Checks)
            {
                RequestParameters.Store(http, await RequestParameters.ReadAsync(http.Request, schema, http.RequestAborted).ConfigureAwait(false));
            }

            return await next(context).ConfigureAwait(false);
        });
    }
}
