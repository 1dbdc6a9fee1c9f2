namespace Contrastive.Data.Augmentations;

/// <summary>
/// Reusable temporary buffers for augmentations, handed out in stack order through <see cref="Frame"/>,
/// so that augmenting an image allocates nothing once the buffers have grown to size. One instance per
/// thread (<see cref="ForCurrentThread"/>); not thread-safe.
/// </summary>
public sealed class AugmentationScratch
{
    [ThreadStatic]
    private static AugmentationScratch? t_current;

    private readonly List<float[]> _floats = [];
    private readonly List<int[]> _ints = [];
    private int _floatsUsed;
    private int _intsUsed;

    /// <summary>The scratch of the calling thread (created on first use).</summary>
    public static AugmentationScratch ForCurrentThread => t_current ??= new AugmentationScratch();

    /// <summary>Opens a frame; buffers rented from it return to the scratch when it is disposed.</summary>
    public ScratchFrame Frame() => new(this, _floatsUsed, _intsUsed);

    internal float[] RentFloats(int length) => Rent(_floats, ref _floatsUsed, length);

    internal int[] RentInts(int length) => Rent(_ints, ref _intsUsed, length);

    internal void Restore(int floatsUsed, int intsUsed)
    {
        _floatsUsed = floatsUsed;
        _intsUsed = intsUsed;
    }

    private static T[] Rent<T>(List<T[]> pool, ref int used, int length)
    {
        if (used == pool.Count) pool.Add(new T[Math.Max(length, 64)]);
        else if (pool[used].Length < length) pool[used] = new T[length];
        return pool[used++];
    }
}
