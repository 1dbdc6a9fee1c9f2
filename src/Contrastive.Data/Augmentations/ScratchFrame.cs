namespace Contrastive.Data.Augmentations;

/// <summary>A stack frame of <see cref="AugmentationScratch"/> buffers; dispose it to give them back.</summary>
public readonly ref struct ScratchFrame
{
    private readonly AugmentationScratch _scratch;
    private readonly int _floatsMark;
    private readonly int _intsMark;

    internal ScratchFrame(AugmentationScratch scratch, int floatsMark, int intsMark)
    {
        _scratch = scratch;
        _floatsMark = floatsMark;
        _intsMark = intsMark;
    }

    /// <summary>A float buffer of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public Span<float> Floats(int length) => _scratch.RentFloats(length).AsSpan(0, length);

    /// <summary>An int buffer of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public Span<int> Ints(int length) => _scratch.RentInts(length).AsSpan(0, length);

    /// <summary>Returns every buffer rented from this frame.</summary>
    public void Dispose() => _scratch.Restore(_floatsMark, _intsMark);
}
