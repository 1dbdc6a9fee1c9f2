namespace Contrastive.Data.Text;

internal static class TextAugmentChecks
{
    public static double Probability(double value, string name) => value is >= 0 and <= 1 ? value
        : throw new ArgumentOutOfRangeException(name, $"{name} must be in [0, 1], got {value}");
}
