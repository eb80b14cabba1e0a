using System.Text;
using Microsoft.AspNetCore.Http;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Names;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// Request parameters of the cluster endpoints: the first byte picks a form body, a JSON body or the
/// query string, the rest is the payload. The parameters are then read the way the join, add-node and
/// create endpoints read them. Every problem must be an <see cref="ApiException"/> with a 4xx status.
/// </summary>
internal sealed class ApiParametersTarget : FuzzTarget
{
    private const byte Form = 0;
    private const byte Json = 1;

    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));

    public override string Name => "api-parameters";

    public override string Description => "API request parameters (Api/Envelope) and the join endpoints' typed readers (Api/Join)";

    public override IReadOnlyList<byte[]> Samples { get; } =
    [
        Mode(Form, $"hostname=192.0.2.11&password=secret&fingerprint={Uri.EscapeDataString(Fingerprint)}&link0=192.0.2.14&votes=1&force=1"),
        Mode(Form, "clustername=prod&link0=10.0.0.1%2Cpriority%3D10&link1=10.1.0.1&nodeid=1&votes=2"),
        Mode(Json, $$$"""{"link0":"192.0.2.14","nodeid":4,"votes":1,"force":true,"apiversion":1,"new_node_ip":"192.0.2.14","fingerprint":"{{{Fingerprint}}}"}"""),
        Mode(2, "link0=192.0.2.14&apiversion=1&votes=0"),
    ];

    public override bool Run(byte[] input)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        var mode = input.Length == 0 ? Form : (byte)(input[0] % 3);
        var payload = input.Length == 0 ? [] : input[1..];
        if (mode == 2)
        {
            request.QueryString = new QueryString("?" + AsRequestTarget(payload));
        }
        else
        {
            request.ContentType = mode == Form ? "application/x-www-form-urlencoded" : "application/json";
            request.Body = new MemoryStream(payload);
            request.ContentLength = payload.Length;
        }

        var parameters = ReadParameters(request);
        ReadLikeTheEndpoints(parameters);
        return true;
    }

    /// <summary>The response is JSON, which escapes what the client sent; the per-parameter texts only need to say something.</summary>
    public override bool IsRejection(Exception exception) =>
        IsClearError<ApiException>(exception)
        && ((ApiException)exception).StatusCode is >= 400 and < 500
        && (((ApiException)exception).Errors?.Values.All(v => v.Length > 0) ?? true);

    /// <summary>The single call into the request reader, so a change of its signature touches one line.</summary>
    private static IReadOnlyDictionary<string, string> ReadParameters(HttpRequest request) =>
        RequestParameters.ReadAsync(request, ParameterSchema.Unchecked, CancellationToken.None).GetAwaiter().GetResult();

    private static void ReadLikeTheEndpoints(IReadOnlyDictionary<string, string> parameters)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        JoinParameters.Links(parameters, errors);
        JoinParameters.NodeId(parameters, errors);
        var votes = JoinParameters.Votes(parameters, errors);
        JoinParameters.Flag(parameters, "force", errors);
        JoinParameters.CheckApiVersion(parameters, errors);
        if (parameters.TryGetValue("hostname", out var host) && JoinHostRules.CheckJoinHost(host) is { IsValid: false, Error: { } hostProblem })
        {
            errors["hostname"] = hostProblem;
        }

        if (parameters.TryGetValue("clustername", out var name) && NameRules.CheckClusterName(name) is { IsValid: false, Error: { } nameProblem })
        {
            errors["clustername"] = nameProblem;
        }

        if (parameters.TryGetValue("fingerprint", out var fingerprint) && !CertificateFingerprint.TryParse(fingerprint, out _))
        {
            errors["fingerprint"] = "value does not match the regex pattern";
        }

        InvariantViolatedException.Check(votes is null or <= int.MaxValue, $"votes {votes} passed the parameter check");
        JoinParameters.ThrowIfAny(errors);
    }

    /// <summary>What a client can put in a URL after Kestrel's checks: printable ASCII, the rest percent-encoded.</summary>
    private static string AsRequestTarget(byte[] payload)
    {
        var text = new StringBuilder();
        foreach (var b in payload)
        {
            if (b is > 0x20 and < 0x7F and not (byte)'#')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static byte[] Mode(byte mode, string payload) => [mode, .. Encoding.UTF8.GetBytes(payload)];
}
