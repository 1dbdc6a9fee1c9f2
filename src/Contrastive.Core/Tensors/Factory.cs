namespace Contrastive.Tensors;

public sealed partial class Tensor
{
    /// <summary>A zero-filled tensor.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[Shapes.Count(shape)], shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var data = new float[Shapes.Count(shape)];
        Array.Fill(data, value);
        return new Tensor(data, shape);
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A one-element, rank-0 tensor.</summary>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape) => new(values.ToArray(), shape);

    /// <summary>A parameter (requires grad) holding a copy of <paramref name="values"/>.</summary>
    public static Tensor Parameter(ReadOnlySpan<float> values, params int[] shape) => new(values.ToArray(), shape, requiresGrad: true);

    /// <summary>Standard normal draws.</summary>
    public static Tensor Randn(Rng rng, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var data = new float[Shapes.Count(shape)];
        for (var i = 0; i < data.Length; i++) data[i] = rng.NextGaussian();
        return new Tensor(data, shape);
    }

    /// <summary>Uniform draws in [low, high).</summary>
    public static Tensor Uniform(Rng rng, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var data = new float[Shapes.Count(shape)];
        for (var i = 0; i < data.Length; i++) data[i] = rng.Uniform(low, high);
        return new Tensor(data, shape);
    }
}
