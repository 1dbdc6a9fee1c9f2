using System.Collections.Concurrent;
using Contrastive.Data.Augmentations;
using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Produces the augmented views of a batch, freshly for every call: N views per sample (two for SimCLR,
/// an asymmetric pair for BYOL, 2 global + k local crops of another size for multi-crop). Sample i draws
/// from <c>Rng.Derive(seed, epoch, index_i)</c>, its views one after another, so the output depends only
/// on (seed, epoch, indices), never on the thread count.
/// </summary>
public sealed class ViewGenerator
{
    private readonly IReadOnlyList<IImageAugmentation>? _fixed;
    private readonly Func<float, IReadOnlyList<IImageAugmentation>>? _recipe;
    private readonly CurriculumSchedule? _schedule;
    private readonly ConcurrentDictionary<int, IReadOnlyList<IImageAugmentation>> _byStrength = new();

    /// <summary>Views made by fixed pipelines, one per view.</summary>
    /// <exception cref="ArgumentException">No views were given.</exception>
    public ViewGenerator(IReadOnlyList<IImageAugmentation> views, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0) throw new ArgumentException("a view generator needs at least one view pipeline");
        (_fixed, Seed) = (views.ToArray(), seed);
    }

    /// <summary>
    /// Views from a recipe re-evaluated as training progresses: at progress p the pipelines are
    /// <paramref name="recipe"/>(schedule.Strength(p)), strength rounded to 0.01 and built once per level.
    /// </summary>
    public ViewGenerator(Func<float, IReadOnlyList<IImageAugmentation>> recipe, CurriculumSchedule schedule, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(schedule);
        (_recipe, _schedule, Seed) = (recipe, schedule, seed);
    }

    /// <summary>Two views by the same pipeline (SimCLR, MoCo, SimSiam, Barlow Twins).</summary>
    public static ViewGenerator TwoViews(IImageAugmentation pipeline, ulong seed) => new([pipeline, pipeline], seed);

    /// <summary>The seed of the per-sample generators.</summary>
    public ulong Seed { get; }

    /// <summary>The pipelines in use at training progress <paramref name="progress"/> (0..1).</summary>
    public IReadOnlyList<IImageAugmentation> PipelinesAt(float progress)
    {
        if (_fixed is not null) return _fixed;
        var level = (int)MathF.Round(_schedule!.Strength(progress) * 100f);
        return _byStrength.GetOrAdd(level, static (l, recipe) => CheckedRecipe(recipe, l / 100f), _recipe!);
    }

    /// <summary>
    /// The views of the images at <paramref name="indices"/>, using up to <paramref name="threads"/> threads
    /// (the result does not depend on it).
    /// </summary>
    /// <exception cref="ArgumentException">An index is out of range or a pipeline rejects the image geometry.</exception>
    public ViewBatch Generate(ImageDataset data, int[] indices, int epoch, int batchIndex = 0, float progress = 0f, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        foreach (var index in indices)
            if ((uint)index >= (uint)data.Count) throw new ArgumentException($"sample index {index} is outside {data.Source} (0..{data.Count - 1})");
        var pipelines = PipelinesAt(progress);
        var input = ImageGeometry.Of(data);
        var geometries = pipelines.Select(p => p.OutputGeometry(input)).ToArray();
        var outputs = geometries.Select(g => new float[(long)indices.Length * g.Size]).ToArray();
        var chunks = Math.Clamp(Math.Min(threads, indices.Length / 8), 1, Math.Max(1, indices.Length));
        Parallelism.ForParts(indices.Length, chunks, (_, start, end) => Fill(start, end));

        var views = new Tensor[pipelines.Count];
        for (var v = 0; v < views.Length; v++)
        {
            var g = geometries[v];
            views[v] = new Tensor(outputs[v], [indices.Length, g.Channels, g.Height, g.Width]);
        }
        var labels = data.Labels is null ? null : Array.ConvertAll(indices, i => data.Labels[i]);
        return new ViewBatch(views, labels, (int[])indices.Clone(), epoch, batchIndex);

        void Fill(int start, int end)
        {
            var scratch = AugmentationScratch.ForCurrentThread;
            for (var i = start; i < end; i++)
            {
                var rng = Rng.Derive(Seed, epoch, indices[i]);
                for (var v = 0; v < pipelines.Count; v++)
                {
                    var size = geometries[v].Size;
                    pipelines[v].Apply(data.Image(indices[i]), input, outputs[v].AsSpan(i * size, size), rng, scratch);
                }
            }
        }
    }

    private static IImageAugmentation[] CheckedRecipe(Func<float, IReadOnlyList<IImageAugmentation>> recipe, float strength)
    {
        var views = recipe(strength) ?? throw new InvalidOperationException($"the view recipe returned null at strength {strength}");
        if (views.Count == 0) throw new InvalidOperationException($"the view recipe returned no views at strength {strength}");
        return views.ToArray();
    }
}
