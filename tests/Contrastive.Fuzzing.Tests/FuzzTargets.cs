using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Contrastive.Data;
using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Data.Tests.Formats;
using Contrastive.Data.Text;
using Contrastive.Export;
using Contrastive.Import;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Serving;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;
using Microsoft.AspNetCore.Builder;

namespace Contrastive.Fuzzing.Tests;

/// <summary>Every parser a user reaches, with small valid seeds: the file formats of --data, run files, model imports and
/// the service's request bodies.</summary>
public static class FuzzTargets
{
    /// <summary>The parsers' names, for the test theory.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["idx", "png", "jpeg", "pnm", "csv", "jsonl", "npy", "safetensors", "config.json", "tokenizer.json", "onnx", "http"];

    /// <summary>The target <paramref name="name"/>; seed files are made under <paramref name="directory"/>.</summary>
    public static FuzzTarget Create(string name, string directory) => name switch
    {
        "idx" => new("idx", [Written(directory, "seed.idx", p => IdxWriter.WriteImages(p, Bytes(3 * 4 * 5), 3, 4, 5, gzip: false)),
            Written(directory, "seed.idx.gz", p => IdxWriter.WriteImages(p, Bytes(2 * 3 * 3), 2, 3, 3, gzip: true))],
            (path, _) => IdxFile.Load(path), [typeof(DatasetException)], ".idx"),
        "png" => new("png", [.. Images().SelectMany(i => new[] { PngEncoder.Encode(i, PngFilter.Adaptive), PngEncoder.Encode(i, PngFilter.None) })],
            (_, bytes) => PngDecoder.Decode(bytes, "fuzz.png"), [typeof(DatasetException)], ".png"),
        "jpeg" => new("jpeg", [.. Images().Select(i => JpegFixture.Encode(i, quality: 80))],
            (_, bytes) => JpegDecoder.Decode(bytes, "fuzz.jpg"), [typeof(DatasetException)], ".jpg"),
        "pnm" => new("pnm", [Ascii("P5\n3 2\n255\n"u8.ToArray().Concat(Bytes(6)).ToArray()), Ascii("P6\n# comment\n2 2\n255\n"u8.ToArray().Concat(Bytes(12)).ToArray()),
            Ascii("P2\n2 2\n15\n0 5 10 15\n"u8), Ascii("P3 1 2 65535 0 1 2 3 4 5\n"u8)],
            (_, bytes) => PnmDecoder.Decode(bytes, "fuzz.pgm"), [typeof(DatasetException)], ".pgm"),
        "csv" => new("csv", [Ascii("a,b,label\n1.5,2,x\n3,-4e2,y\n5,6,x\n7,8,y\n"u8), Ascii("\"q,1\",b,label\n1,2,\"x\"\"\"\n3,4,y\n"u8)],
            (path, _) => CsvTable.Load(path, "label"), [typeof(DatasetException)], ".csv"),
        "jsonl" => new("jsonl", [Ascii("{\"anchor\": \"a cat\", \"positive\": \"a kitten\"}\n{\"anchor\": \"dog\", \"positive\": \"puppy\"}\n"u8),
            Ascii("{\"text\": \"hello world\", \"label\": 2}\n\n{\"text\": \"bye\", \"label\": 0}\n"u8),
            Ascii("{\"anchor\": \"a\", \"positive\": \"b\", \"negative\": \"c\"}\n"u8)],
            (path, _) => TextRecordsFile.Load(path), [typeof(DatasetException)], ".jsonl"),
        "npy" => new("npy", [Written(directory, "f.npy", p => NpyFile.Write(p, [1f, 2f, 3f, 4f, 5f, 6f], [2, 3])),
            Written(directory, "b.npy", p => NpyFile.Write(p, Bytes(8), [2, 2, 2]))],
            (path, _) => NpyFile.Read(path), [typeof(DatasetException)], ".npy"),
        "safetensors" => new("safetensors", [Written(directory, "s.safetensors", p => SafeTensors.Write(p,
            [("w", Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3), SafeTensorsDtype.F32), ("n", Tensor.Scalar(3), SafeTensorsDtype.I64), ("q", Tensor.FromArray([-1, 2], 2), SafeTensorsDtype.I8)],
            new Dictionary<string, string> { ["method"] = "simclr" })),
            WithoutChecksum()],
            (path, _) => SafeTensors.Read(path), [typeof(InvalidDataException)], ".safetensors"),
        "config.json" => new("config.json", [Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new TrainConfig { Method = "triplet", Epochs = 3 }, TrainConfig.Json))],
            (path, _) => TrainConfig.Load(path), [typeof(InvalidDataException), typeof(ArgumentException)], ".json"),
        "tokenizer.json" => new("tokenizer.json", [Written(directory, "t.json", p => WordTokenizer.Build(["the cat sat", "a dog ran", "the dog sat"], 50).Save(p))],
            (path, _) => WordTokenizer.Load(path), [typeof(InvalidDataException)], ".json"),
        "onnx" => new("onnx", [OnnxExport.ToBytes(new MlpEncoder(new Rng(1), 4, [8], 3), InputGeometry.Table(4))],
            (_, bytes) => ImportAll(bytes), [typeof(InvalidDataException), typeof(NotSupportedException)], ".onnx"),
        "http" => throw new ArgumentException("the http target needs a running service: use HttpTarget"),
        _ => throw new ArgumentException($"unknown fuzz target '{name}'"),
    };

    /// <summary>Parses an ONNX model and reads every constant, as the importers do.</summary>
    private static void ImportAll(byte[] bytes)
    {
        foreach (var constant in OnnxModel.Parse(bytes).Constants.Values) constant.ToTensor();
    }

    /// <summary>A safetensors file as other writers make it: no checksum, so mutations reach the layout checks.</summary>
    private static byte[] WithoutChecksum()
    {
        var header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"__metadata__\":{\"k\":\"v\"}}"u8;
        return [.. BitConverter.GetBytes((long)header.Length), .. header, .. new byte[8]];
    }

    private static IEnumerable<DecodedImage> Images()
    {
        yield return new DecodedImage(Bytes(5 * 4), 5, 4, 1);
        yield return new DecodedImage(Bytes(3 * 3 * 3), 3, 3, 3);
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 37 + 11))];

    private static byte[] Ascii(ReadOnlySpan<byte> text) => text.ToArray();

    private static byte[] Written(string directory, string name, Action<string> write)
    {
        var path = Path.Combine(directory, name);
        write(path);
        return File.ReadAllBytes(path);
    }
}

/// <summary>
/// The service's request bodies on a real socket: a small image encoder behind <see cref="ServingApp"/>, bodies posted
/// to /embed and /similar. A 200 is acceptance, a 400 with an error message a clear rejection; any other status (a 500
/// from an exception the handler let through) is a failure.
/// </summary>
public sealed class HttpTarget : IAsyncDisposable
{
    private const int Side = 6;
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private HttpTarget(WebApplication app, HttpClient client) => (_app, _client) = (app, client);

    /// <summary>Starts the service on a free loopback port.</summary>
    public static async Task<HttpTarget> StartAsync()
    {
        var encoder = new MlpEncoder(new Rng(5), Side * Side, [8], 4);
        var gallery = new ImageDataset([.. Enumerable.Range(0, 4 * Side * Side).Select(i => i % 7 / 7f)], 4, 1, Side, Side, [0, 1, 0, 1], null, "gallery");
        var service = new EmbeddingService("fuzz", new EncoderPool(new EncoderReplica(encoder)), new ImageQueryDecoder(1, Side, Side), Embedder.Embed(encoder, gallery),
            new Gallery("gallery", gallery.Labels, ["a", "b"]));
        var app = ServingApp.Build(service, "http://127.0.0.1:0");
        await app.StartAsync();
        return new HttpTarget(app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()) });
    }

    /// <summary>The target: valid bodies of both endpoints as seeds, each input posted to the endpoint its length picks.</summary>
    public FuzzTarget Target()
    {
        var png = Convert.ToBase64String(PngEncoder.Encode(new DecodedImage([.. Enumerable.Range(0, Side * Side).Select(i => (byte)(i * 7))], Side, Side, 1)));
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes($"{{\"images\":[\"{png}\"]}}"),
            Encoding.UTF8.GetBytes($"{{\"images\":[\"{png}\",\"{png}\"],\"k\":2}}"),
            "{\"embeddings\":[[0.5,-1,2,0.25]],\"k\":3}"u8.ToArray(),
            "{\"rows\":[[1,2,3]]}"u8.ToArray(),
        ];
        return new FuzzTarget("http", seeds, (_, body) => Post(body), [typeof(QueryException)], ".json");
    }

    private void Post(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = _client.PostAsync(body.Length % 2 == 0 ? "/similar" : "/embed", content).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        switch ((int)response.StatusCode)
        {
            case 200: return;
            case 400 when text.Contains("\"error\"", StringComparison.Ordinal): throw new QueryException(text);
            default: throw new HttpRequestException($"status {(int)response.StatusCode}: {text}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
