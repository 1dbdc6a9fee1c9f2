using System.CommandLine;
using Contrastive.Data.Datasets;
using Contrastive.IO;
using Contrastive.Serving;
using Contrastive.Text;
using Microsoft.Extensions.Hosting;

namespace Contrastive.Cli;

/// <summary><c>contrastive serve</c>: the embedding + similarity-search HTTP service (<see cref="ServingApp"/>) over a
/// trained run, searching a gallery embedded at start-up. Runs until Ctrl+C / SIGTERM.</summary>
internal static class ServeCommand
{
    private static readonly Option<string> s_model = new("--model") { Description = "Run directory written by 'contrastive train'", Required = true };
    private static readonly Option<string> s_data = new("--data") { Description = "The gallery to search: demo | fashion-mnist | PATH (image folder, IDX folder, FILE.csv or FILE.jsonl); for a text run wordnet | fortunes | FILE.jsonl/.csv/.tsv of text records", Required = true };
    private static readonly Option<string> s_split = new("--split") { Description = GalleryData.SplitHelp, DefaultValueFactory = _ => "all" };
    private static readonly Option<string> s_urls = new("--urls") { Description = "Where to listen, ';'-separated (port 0 picks a free port); the default listens on this machine only", DefaultValueFactory = _ => "http://localhost:5080" };
    private static readonly Option<string?> s_apiKeyFile = new("--api-key-file") { Description = "Require one of these API keys (one per line, at least 16 characters) as 'Authorization: Bearer KEY' on all but /healthz" };
    private static readonly Option<int> s_maxBodyMb = new("--max-body-mb") { Description = "Largest request body in MiB; larger ones get 413", DefaultValueFactory = _ => 16 };
    private static readonly Option<int?> s_maxConcurrent = new("--max-concurrent") { Description = "Requests handled at once; more get 503 with Retry-After (default 2 per core)" };
    private static readonly Option<int> s_encoders = new("--encoders")
    {
        Description = "Replicas of the model that encode requests at once (each holds its own copy of the weights)",
        DefaultValueFactory = _ => Math.Min(2, Environment.ProcessorCount),
    };
    private static readonly Option<int> s_timeout = new("--request-timeout") { Description = "Seconds a request may take; then 504", DefaultValueFactory = _ => 30 };

    public static Command Create(TextWriter output)
    {
        s_split.AcceptOnlyFromAmong("test", "train", "all");
        var command = new Command("serve", "Serve /embed, /similar and /healthz over HTTP: embeddings of images, table rows or texts (CLIP and text runs), and their nearest gallery items.")
        {
            s_model, s_data, s_split, s_urls, s_apiKeyFile, s_maxBodyMb, s_maxConcurrent, s_timeout, s_encoders,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            var (spec, modelDir, split, encoders) = (parsed.GetValue(s_data)!, parsed.GetValue(s_model)!, parsed.GetValue(s_split)!, parsed.GetValue(s_encoders));
            if (encoders is < 1 or > 64) throw new ArgumentException($"--encoders must be between 1 and 64, got {encoders}");
            var service = TextRun.IsTextRun(modelDir) ? ServiceFromRun.Texts(modelDir, GalleryData.Texts(spec, modelDir, split), encoders)
                : DatasetResolver.IsTable(spec) ? TableService(spec, modelDir, split, encoders)
                : ServiceFromRun.Images(modelDir, GalleryData.Images(spec, split), encoders);
            var defaults = new ServingOptions();
            var options = defaults with
            {
                ApiKeys = parsed.GetValue(s_apiKeyFile) is { } keyFile ? ServingOptions.ReadApiKeys(keyFile) : [],
                MaxBodyBytes = (long)parsed.GetValue(s_maxBodyMb) << 20,
                MaxConcurrentRequests = parsed.GetValue(s_maxConcurrent) ?? defaults.MaxConcurrentRequests,
                RequestTimeout = TimeSpan.FromSeconds(parsed.GetValue(s_timeout)),
            };
            await using var app = ServingApp.Build(service, options, parsed.GetValue(s_urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await app.StartAsync(cancellation);
            await output.WriteLineAsync($"serving {service.Description} on {string.Join(", ", app.Urls)}: {service.Index.Count} embeddings of {service.Gallery.Source}, {service.Encoders} encoder(s)" +
                $"{(service.IndexReloaded ? $" (reloaded from {new RunDirectory(modelDir).GalleryIndex})" : "")}" +
                $"{(options.ApiKeys.Count > 0 ? $", {options.ApiKeys.Count} API key(s) required" : ", no API key required")}; Ctrl+C stops");
            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }

    private static EmbeddingService TableService(string spec, string modelDir, string split, int encoders)
    {
        var (data, classNames) = GalleryData.Table(spec, modelDir, split);
        return ServiceFromRun.Table(modelDir, data, classNames, encoders);
    }
}
