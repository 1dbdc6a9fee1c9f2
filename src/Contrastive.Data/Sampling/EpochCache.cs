namespace Contrastive.Data.Sampling;

/// <summary>Keeps the plan of the most recently used epoch, computing another on demand (thread-safe).</summary>
internal sealed class EpochCache<TPlan>(Func<int, TPlan> plan)
    where TPlan : class
{
    private readonly Lock _gate = new();
    private int _epoch = -1;
    private TPlan? _plan;

    public TPlan Get(int epoch)
    {
        lock (_gate)
        {
            if (_epoch != epoch || _plan is null)
            {
                _plan = plan(epoch);
                _epoch = epoch;
            }
            return _plan;
        }
    }
}
