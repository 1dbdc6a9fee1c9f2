using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Contrastive.Learning.Tests.Import;

/// <summary>Runs an ONNX file in Microsoft.ML.OnnxRuntime, in-process: the reference the importer is checked against.</summary>
internal static class OnnxRuntimeReference
{
    /// <summary>The first output of <paramref name="path"/> for the given named inputs.</summary>
    public static float[] Run(string path, params (string Name, NamedOnnxValue Value)[] inputs)
    {
        using var session = new InferenceSession(path);
        return Run(session, inputs);
    }

    /// <summary>The first output of the model <paramref name="model"/> (ModelProto bytes) for the given named inputs.</summary>
    public static float[] Run(byte[] model, params (string Name, NamedOnnxValue Value)[] inputs)
    {
        using var session = new InferenceSession(model);
        return Run(session, inputs);
    }

    private static float[] Run(InferenceSession session, (string Name, NamedOnnxValue Value)[] inputs)
    {
        using var results = session.Run([.. inputs.Select(i => i.Value)]);
        return [.. results[0].AsEnumerable<float>()];
    }

    /// <summary>A float input of the given shape.</summary>
    public static (string, NamedOnnxValue) Floats(string name, float[] data, params int[] shape) =>
        (name, NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(data, shape)));

    /// <summary>An int64 input of the given shape.</summary>
    public static (string, NamedOnnxValue) Longs(string name, long[] data, params int[] shape) =>
        (name, NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(data, shape)));

    /// <summary>max |actual - expected| / max |expected|: the error relative to the output's scale.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, scale = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return diff / scale;
    }
}
