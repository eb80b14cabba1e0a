using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PveCluster.Api.Tests.Limits;

/// <summary>
/// The body limit on the live Kestrel server: a body is refused once more than the limit has arrived, whether the
/// client announced its length or streams it chunked, and without a login.
/// </summary>
public sealed class RequestBodyLimitTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private const int Limit = 64 * 1024;
    private const int Chunk = 64 * 1024;

    // Far more than the limit, and more than any socket buffering between the client and the server can hide.
    private const long StreamedBytes = 40L * 1024 * 1024;

    [Fact]
    public async Task Chunked_json_body_to_the_login_is_refused_with_413_before_it_is_read()
    {
        var (written, response) = await StreamChunkedAsync("application/json", "{\"username\":\"root@pam\",\"password\":\"", (byte)'a');

        AssertTooLarge(response);
        // The unfixed server read 30 MB (Kestrel's default) before answering.
        Assert.True(written < 16L * 1024 * 1024, $"the server answered only after {written} bytes had been sent");
    }

    [Fact]
    public async Task Chunked_form_body_to_the_login_is_refused_with_413()
    {
        var (_, response) = await StreamChunkedAsync("application/x-www-form-urlencoded", "username=root%40pam&password=", (byte)'b');
        AssertTooLarge(response);
    }

    [Fact]
    public async Task Announced_length_over_the_limit_is_refused_without_reading()
    {
        using var client = server.Client();
        using var content = new ByteArrayContent(new byte[Limit + 1]);
        content.Headers.ContentType = new("application/json");
        var (status, body) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "access/ticket") { Content = content });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("65536", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_just_under_the_limit_is_read()
    {
        using var client = server.Client();
        var padding = new string('x', Limit - 200);
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = "root@pam", ["password"] = padding });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["password"]);
    }

    private async Task<(long Written, string Response)> StreamChunkedAsync(string contentType, string prefix, byte filler)
    {
        await using var connection = await RawHttpsConnection.OpenAsync(server.BaseAddress, server.Ca);
        await connection.WriteAsync(
            $"POST /api2/json/access/ticket HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n");
        var data = new byte[Chunk];
        Array.Fill(data, filler);
        Encoding.ASCII.GetBytes(prefix).CopyTo(data, 0);
        var chunk = Encoding.ASCII.GetBytes($"{Chunk:X}\r\n").Concat(data).Concat("\r\n"u8.ToArray()).ToArray();
        long written = 0;
        try
        {
            while (written < StreamedBytes && !connection.HasResponseHead)
            {
                await connection.WriteAsync(chunk);
                written += Chunk;
                Array.Fill(chunk, filler, chunk.Length - 2 - Chunk, prefix.Length);
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: exactly what a bounded server does.
        }

        return (written, await connection.ResponseAsync(TimeSpan.FromSeconds(30)));
    }

    private static void AssertTooLarge(string response)
    {
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        var json = JsonNode.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Trim())!.AsObject();
        Assert.Null(json["data"]);
        Assert.Contains("request body too large", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
