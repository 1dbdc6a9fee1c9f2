using System.Net.Http.Json;
using System.Text.Json;
using Contrastive.Cli;

namespace Contrastive.Cli.Tests;

/// <summary><c>contrastive serve</c> over a trained run: it starts, answers, and stops cleanly when cancelled.</summary>
public sealed class ServeCliTests() : CliTestBase("serve")
{
    [Fact]
    public async Task Serve_answers_healthz_and_similar_until_cancelled()
    {
        var (images, run) = await TrainTinyRun(12, seed: 11);

        using var output = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var serving = CliApp.RunAsync(["serve", "--model", run, "--data", images, "--urls", "http://127.0.0.1:0"], synchronizedOutput, error, stop.Token);
        var url = await ServingUrl.WaitFor(output, serving);
        using (var client = new HttpClient { BaseAddress = new Uri(url) })
        {
            using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
            Assert.Equal("simclr --arch bench", health.RootElement.GetProperty("model").GetString());
            Assert.Equal(24, health.RootElement.GetProperty("indexed").GetInt32()); // --split all: train and test parts
            var image = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(images, "left", "000.png")));
            using var response = await client.PostAsJsonAsync("/similar", new { images = new[] { image }, k = 2 });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            using var similar = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var best = similar.RootElement.GetProperty("results")[0][0];
            Assert.Equal(1.0, best.GetProperty("similarity").GetDouble(), 4); // the gallery holds the query image itself
            Assert.Equal("left", best.GetProperty("label").GetString());
        }
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("", error.ToString());
    }
}
