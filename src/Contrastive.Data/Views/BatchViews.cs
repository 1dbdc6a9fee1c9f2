using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>
/// The <see cref="IBatchViews"/> that bind one view generator to one training dataset: both are required at construction
/// (a null would otherwise surface at the first batch, on a worker thread), and every job is checked before its views are made.
/// </summary>
/// <typeparam name="TData">The training samples.</typeparam>
/// <typeparam name="TGenerator">What makes their views.</typeparam>
public abstract class BatchViews<TData, TGenerator> : IBatchViews
    where TData : class
    where TGenerator : class
{
    /// <summary>Binds <paramref name="generator"/> to <paramref name="data"/>.</summary>
    protected BatchViews(TData data, TGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generator);
        (Data, Generator) = (data, generator);
    }

    /// <summary>The training samples.</summary>
    public TData Data { get; }

    /// <summary>What makes their views.</summary>
    public TGenerator Generator { get; }

    /// <inheritdoc />
    public abstract string Source { get; }

    /// <inheritdoc />
    public abstract int Count { get; }

    /// <inheritdoc />
    public abstract int ViewsPerSample { get; }

    /// <inheritdoc />
    public ViewBatch Make(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return MakeViews(job);
    }

    /// <summary>The views of the samples at <paramref name="job"/>'s indices (<paramref name="job"/> is not null).</summary>
    protected abstract ViewBatch MakeViews(BatchJob job);
}
