namespace Contrastive.Data.Formats.Images;

/// <summary>How <see cref="PngEncoder"/> filters scanlines before compression.</summary>
public enum PngFilter
{
    /// <summary>Filter type 0: bytes as they are.</summary>
    None = 0,

    /// <summary>Filter type 1: difference to the pixel on the left.</summary>
    Sub = 1,

    /// <summary>Filter type 2: difference to the pixel above.</summary>
    Up = 2,

    /// <summary>Filter type 3: difference to the mean of left and above.</summary>
    Average = 3,

    /// <summary>Filter type 4: difference to the Paeth predictor.</summary>
    Paeth = 4,

    /// <summary>Per row, the type whose output has the smallest sum of absolute signed bytes (the libpng heuristic).</summary>
    Adaptive = 5,
}
