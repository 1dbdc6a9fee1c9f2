namespace Contrastive.Evaluation.Classification;

/// <summary>
/// Adam moments of one parameter array with PyTorch's L2 weight decay (added to the gradient):
/// g += wd·p; m = β1 m + (1-β1) g; v = β2 v + (1-β2) g²; p -= lr · (m / (1-β1ᵗ)) / (sqrt(v / (1-β2ᵗ)) + ε).
/// </summary>
internal sealed class AdamState(int length, LinearProbeOptions options)
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
    private readonly float[] _m = new float[length], _v = new float[length];
    private int _step;

    /// <summary>Updates <paramref name="param"/> in place from <paramref name="grad"/>.</summary>
    public void Step(float[] param, float[] grad)
    {
        _step++;
        var (lr, wd) = ((float)options.LearningRate, (float)options.WeightDecay);
        var c1 = (float)(1 - Math.Pow(Beta1, _step));
        var sqrtC2 = (float)Math.Sqrt(1 - Math.Pow(Beta2, _step));
        for (var i = 0; i < param.Length; i++)
        {
            var g = grad[i] + wd * param[i];
            _m[i] = (float)Beta1 * _m[i] + (float)(1 - Beta1) * g;
            _v[i] = (float)Beta2 * _v[i] + (float)(1 - Beta2) * g * g;
            param[i] -= lr / c1 * _m[i] / (MathF.Sqrt(_v[i]) / sqrtC2 + (float)Eps);
        }
    }
}
