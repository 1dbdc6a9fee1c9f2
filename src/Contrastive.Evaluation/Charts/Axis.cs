using System.Globalization;

namespace Contrastive.Evaluation.Charts;

/// <summary>A linear axis with "nice" round ticks (1, 2 or 5 times a power of ten).</summary>
internal sealed class Axis
{
    private Axis(double min, double max, double step)
    {
        (Min, Max, Step) = (min, max, step);
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    /// <summary>Tick values from Min to Max.</summary>
    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var i = 0; i <= count; i++) yield return Min + i * Step;
    }

    /// <summary>An axis covering the finite values of <paramref name="values"/> (or [0, 1] when there are none), widened to round ticks.</summary>
    public static Axis Covering(IEnumerable<double> values, double? fixedMin = null, double? fixedMax = null, int targetTicks = 6)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var lo = fixedMin ?? (finite.Length > 0 ? finite.Min() : 0);
        var hi = fixedMax ?? (finite.Length > 0 ? finite.Max() : 1);
        if (hi <= lo)
        {
            var pad = lo == 0 ? 0.5 : Math.Abs(lo) * 0.1;
            (lo, hi) = (lo - pad, hi + pad);
        }
        var step = NiceStep((hi - lo) / (targetTicks - 1));
        var min = fixedMin ?? Math.Floor(lo / step) * step;
        var max = fixedMax ?? Math.Ceiling(hi / step) * step;
        return new Axis(min, max, step);
    }

    /// <summary>Position of <paramref name="v"/> between <paramref name="from"/> (at Min) and <paramref name="to"/> (at Max).</summary>
    public double Map(double v, double from, double to) => from + (v - Min) / (Max - Min) * (to - from);

    /// <summary>A tick label with as many decimals as the step needs (scientific for very small or large values).</summary>
    public string Label(double v)
    {
        if (Math.Abs(v) < Step * 1e-9) v = 0;
        var magnitude = Math.Max(Math.Abs(Min), Math.Abs(Max));
        if (Step < 1e-4 || magnitude >= 1e6) return v.ToString("0.##E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp((int)-Math.Floor(Math.Log10(Step) + 1e-9), 0, 6);
        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var fraction = raw / Math.Pow(10, exponent);
        var nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }
}
