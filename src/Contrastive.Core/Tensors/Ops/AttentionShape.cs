namespace Contrastive.Tensors;

/// <summary>The sizes of one multi-head self-attention call: batch B, time T, model width D, heads H.</summary>
internal readonly record struct AttentionShape(int Batch, int Time, int Model, int Heads)
{
    /// <summary>Width of one head, D / H.</summary>
    public int HeadDim => Model / Heads;

    /// <summary>The score scale 1 / sqrt(head_dim).</summary>
    public float Scale => 1f / MathF.Sqrt(HeadDim);
}
