namespace Contrastive.Data.Views;

/// <summary>The samples of each class: rows grouped by label, for samplers, pair generators and miners.</summary>
public sealed class LabelIndex
{
    private readonly int[] _labels;
    private readonly int[] _byClass; // sample indices sorted by class
    private readonly int[] _start;   // class c occupies _byClass[_start[c].._start[c + 1]]

    /// <summary>Indexes <paramref name="labels"/> (non-negative class ids).</summary>
    /// <exception cref="ArgumentException">A label is negative.</exception>
    public LabelIndex(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels.ToArray();
        var classes = 0;
        for (var i = 0; i < _labels.Length; i++)
        {
            if (_labels[i] < 0) throw new ArgumentException($"label {_labels[i]} of sample {i} is negative");
            classes = Math.Max(classes, _labels[i] + 1);
        }
        _start = new int[classes + 1];
        foreach (var l in _labels) _start[l + 1]++;
        for (var c = 0; c < classes; c++) _start[c + 1] += _start[c];
        var fill = _start[..^1].ToArray();
        _byClass = new int[_labels.Length];
        for (var i = 0; i < _labels.Length; i++) _byClass[fill[_labels[i]]++] = i;
    }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Number of classes (largest label + 1).</summary>
    public int ClassCount => _start.Length - 1;

    /// <summary>The label of sample <paramref name="index"/>.</summary>
    public int LabelOf(int index) => _labels[index];

    /// <summary>The samples of class <paramref name="label"/>, in increasing index order.</summary>
    public ReadOnlySpan<int> Members(int label) => _byClass.AsSpan(_start[label], _start[label + 1] - _start[label]);

    /// <summary>A uniformly random sample whose label differs from <paramref name="label"/>.</summary>
    /// <exception cref="InvalidOperationException">Every sample has that label.</exception>
    public int RandomOutsideClass(int label, Tensors.Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var inside = _start[label + 1] - _start[label];
        if (inside == Count) throw new InvalidOperationException($"no negative exists: all {Count} samples have label {label}");
        // The complement of class `label` is _byClass without its block: map r past the block.
        var r = rng.NextInt(Count - inside);
        return _byClass[r < _start[label] ? r : r + inside];
    }

    /// <summary>A uniformly random member of the class of <paramref name="anchor"/> other than itself (itself when alone).</summary>
    public int RandomPositive(int anchor, Tensors.Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var members = Members(_labels[anchor]);
        if (members.Length == 1) return anchor;
        // Draw among the other n - 1 members: slots at or after the anchor's shift by one.
        var k = rng.NextInt(members.Length - 1);
        return members[k >= members.BinarySearch(anchor) ? k + 1 : k];
    }
}
