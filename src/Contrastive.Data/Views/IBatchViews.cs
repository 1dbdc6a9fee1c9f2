using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>
/// The training views of one dataset, batch by batch: a modality's view generator bound to its training samples (image
/// crops, corrupted table rows, image crops with their captions, audio segments, texts with their positives). The views of
/// a batch depend only on the job's indices, epoch, batch and progress, so any worker may build them and a resumed run sees
/// the same batches.
/// </summary>
public interface IBatchViews
{
    /// <summary>Where the samples come from, for messages.</summary>
    string Source { get; }

    /// <summary>Number of samples the batches index.</summary>
    int Count { get; }

    /// <summary>Views made of each sample (the views/s figure counts them).</summary>
    int ViewsPerSample { get; }

    /// <summary>The views of the samples at <paramref name="job"/>'s indices.</summary>
    /// <exception cref="ArgumentException">An index is outside the samples.</exception>
    ViewBatch Make(BatchJob job);
}
