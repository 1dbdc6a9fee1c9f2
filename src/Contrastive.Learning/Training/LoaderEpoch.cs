using Contrastive.Data.Loading;
using Contrastive.Data.Views;
using Contrastive.Methods;

namespace Contrastive.Training;

/// <summary>The part every prefetching batch source shares: the loader settings of one epoch and draining it into training batches.</summary>
internal static class LoaderEpoch
{
    /// <summary>Loader settings producing exactly epoch <paramref name="epoch"/>.</summary>
    public static LoaderOptions Options(int epoch, int workers, int totalEpochs) => new()
    {
        Workers = workers,
        Start = new Data.Sampling.SamplerPosition(epoch, 0),
        EndEpoch = epoch + 1,
        TotalEpochs = Math.Max(totalEpochs, epoch + 1),
    };

    /// <summary>Opens the loader on the first iteration and yields its batches numbered from <paramref name="firstStep"/>;
    /// reports the time waited when done or abandoned.</summary>
    public static IEnumerable<TrainingBatch> Drain(Func<PrefetchingLoader<ViewBatch>> open, long firstStep, Action<TimeSpan> addWait, CancellationToken cancellation)
    {
        using (var loader = open())
        {
            var step = firstStep;
            try
            {
                while (loader.TryNext(out var batch, cancellation))
                    yield return new TrainingBatch(batch.Views, batch.Labels, batch.Indices, step++);
            }
            finally
            {
                addWait(loader.WaitTime);
            }
        }
    }
}
