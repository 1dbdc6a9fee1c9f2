using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contrastive.Serving;

/// <summary>
/// The HTTP face of an <see cref="EmbeddingService"/>, as an ASP.NET Core minimal API:
/// <list type="bullet">
/// <item><c>GET /healthz</c>: what is served (<see cref="HealthReply"/>).</item>
/// <item><c>POST /embed</c> with <see cref="QueryItems"/>: the items' embeddings (<see cref="EmbedReply"/>).</item>
/// <item><c>POST /similar</c> with <see cref="SimilarQuery"/>: each query's nearest gallery items (<see cref="SimilarReply"/>).</item>
/// <item><c>GET /metrics</c>: request counts, latency and load in the Prometheus text format.</item>
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
    /// picks a free one) with the default <see cref="ServingOptions"/>.</summary>
    public static WebApplication Build(EmbeddingService service, params string[] urls) => Build(service, new ServingOptions(), urls);

    /// <summary>Builds the application listening on <paramref name="urls"/> with <paramref name="options"/>: API keys,
    /// body size, concurrency and time limits, one structured log line per request (category
    /// <c>Contrastive.Serving.Requests</c>) and <c>GET /metrics</c>.</summary>
    public static WebApplication Build(EmbeddingService service, ServingOptions options, params string[] urls)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(RequestLogCategory, LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        var app = builder.Build();
        foreach (var url in urls) app.Urls.Add(url);
        var metrics = new ServiceMetrics();
        var keys = new ApiKeyCheck(options.ApiKeys);
        var gate = new SemaphoreSlim(options.MaxConcurrentRequests);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory);
        app.Use(async (context, next) =>
        {
            var clock = Stopwatch.StartNew();
            metrics.Started();
            try
            {
                await Guarded(context, next, keys, gate);
            }
            finally
            {
                var (request, status) = (context.Request, context.Response.StatusCode);
                metrics.Finished(request.Path, status, clock.Elapsed);
                if (log.IsEnabled(LogLevel.Information))
                    log.LogInformation("{Method} {Path} {Status} {ElapsedMs:F1} ms {RequestBytes} bytes from {Remote}",
                        request.Method, request.Path.Value, status, clock.Elapsed.TotalMilliseconds, request.ContentLength, context.Connection.RemoteIpAddress);
            }
        });
        app.UseRequestTimeouts();
        app.MapGet("/healthz", () => new HealthReply("ok", service.Description, service.InputDescription,
            service.Gallery.Source, service.Index.Count, service.Index.Dim));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(service.Index.Count), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapPost("/embed", (HttpRequest request) => Answer<QueryItems>(request, items =>
        {
            var embeddings = service.Embed(items);
            var (n, d) = (embeddings.Size(0), embeddings.Size(1));
            return new EmbedReply(d, [.. Enumerable.Range(0, n).Select(i => embeddings.Span.Slice(i * d, d).ToArray())]);
        }));
        app.MapPost("/similar", (HttpRequest request) => Answer<SimilarQuery>(request, query => new SimilarReply(service.Similar(query))));
        return app;
    }

    /// <summary>The log category of the per-request lines.</summary>
    public const string RequestLogCategory = "Contrastive.Serving.Requests";

    /// <summary>Authentication (all but /healthz) and the concurrency limit before the endpoint runs.</summary>
    private static async Task Guarded(HttpContext context, RequestDelegate next, ApiKeyCheck keys, SemaphoreSlim gate)
    {
        if (!keys.Open && context.Request.Path != "/healthz"
            && !keys.Accepts(ApiKeyCheck.Presented(context.Request.Headers.Authorization, context.Request.Headers["X-API-Key"])))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(new ErrorReply("missing or invalid API key: send 'Authorization: Bearer KEY'"), statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        if (!gate.Wait(0))
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Json(new ErrorReply("the service is busy (too many requests at once); retry after 1 s"), statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            gate.Release();
        }
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
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while the body is read: 413 beyond the size limit, 400 for a malformed or too slow body.
            return Results.Json(new ErrorReply(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is larger than the service's limit" : e.Message), statusCode: e.StatusCode);
        }
    }
}
