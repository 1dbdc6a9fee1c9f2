using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Contrastive.Serving;

/// <summary>
/// The HTTP face of an <see cref="EmbeddingService"/>, as an ASP.NET Core minimal API:
/// <list type="bullet">
/// <item><c>GET /healthz</c>: what is served (<see cref="HealthReply"/>).</item>
/// <item><c>POST /embed</c> with <see cref="QueryItems"/>: the items' embeddings (<see cref="EmbedReply"/>).</item>
/// <item><c>POST /similar</c> with <see cref="SimilarQuery"/>: each query's nearest gallery items (<see cref="SimilarReply"/>).</item>
/// </list>
/// Bodies are JSON with camelCase names; an unknown property, malformed JSON or a bad item is answered with status
/// 400 and an <see cref="ErrorReply"/> naming what was wrong.
/// </summary>
public static class ServingApp
{
    private static readonly JsonSerializerOptions s_requestJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Builds the application listening on <paramref name="urls"/> (e.g. <c>http://127.0.0.1:5080</c>; port 0
    /// picks a free one), logging warnings and errors only.</summary>
    public static WebApplication Build(EmbeddingService service, params string[] urls)
    {
        ArgumentNullException.ThrowIfNull(service);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        foreach (var url in urls) app.Urls.Add(url);
        app.MapGet("/healthz", () => new HealthReply("ok", service.Description, service.InputDescription,
            service.Gallery.Source, service.Index.Count, service.Index.Dim));
        app.MapPost("/embed", (HttpRequest request) => Answer<QueryItems>(request, items =>
        {
            var embeddings = service.Embed(items);
            var (n, d) = (embeddings.Size(0), embeddings.Size(1));
            return new EmbedReply(d, [.. Enumerable.Range(0, n).Select(i => embeddings.Span.Slice(i * d, d).ToArray())]);
        }));
        app.MapPost("/similar", (HttpRequest request) => Answer<SimilarQuery>(request, query => new SimilarReply(service.Similar(query))));
        return app;
    }

    /// <summary>Reads the JSON body as <typeparamref name="TRequest"/> and answers it, turning bad requests into 400s.</summary>
    private static async Task<IResult> Answer<TRequest>(HttpRequest request, Func<TRequest, object> handle)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<TRequest>(request.Body, s_requestJson, request.HttpContext.RequestAborted)
                ?? throw new QueryException("the request body is null; send a JSON object");
            return Results.Ok(handle(body));
        }
        catch (JsonException e)
        {
            return Results.BadRequest(new ErrorReply($"the request body is not a valid request: {e.Message}"));
        }
        catch (QueryException e)
        {
            return Results.BadRequest(new ErrorReply(e.Message));
        }
    }
}
