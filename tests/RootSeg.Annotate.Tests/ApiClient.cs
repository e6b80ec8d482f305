using System.Net.Http.Json;
using System.Text.Json;
using RootSeg.Annotate.Server;

namespace RootSeg.Annotate.Tests;

/// <summary>An HTTP client for a running server that sends its token in the header.</summary>
internal static class ApiClient
{
    public static HttpClient For(AnnotateServer server)
    {
        var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-RootSeg-Token", server.Token);
        return client;
    }

    public static Task<HttpResponseMessage> PutPng(this HttpClient client, string photo, byte[] png) =>
        client.PutAsync($"api/photos/{Uri.EscapeDataString(photo)}/annotation", new ByteArrayContent(png));

    public static async Task<JsonElement> Status(this HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("api/status")).GetProperty("trainer");
}
