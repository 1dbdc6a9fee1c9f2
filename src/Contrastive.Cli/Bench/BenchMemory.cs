using System.Diagnostics;

namespace Contrastive.Cli.Bench;

/// <summary>
/// The figures every bench line ends with: CPU time per timed step (all threads; steadier than wall time on a loaded
/// machine), the process's peak working set (VmHWM, comparable to the peak RSS <c>/usr/bin/time</c> reports for the
/// PyTorch peer), bytes allocated per timed step, GC counts (gen0/gen1/gen2) and the share of time spent in GC pauses.
/// </summary>
internal sealed class BenchMemory
{
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: false);
    private readonly int[] _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _pauseAtStart = GC.GetTotalPauseDuration();
    private readonly TimeSpan _cpuAtStart = CpuTime();

    /// <summary>The figures since this object was created, as "key=value" pairs; <paramref name="units"/> (steps) divides CPU time and allocations.</summary>
    public string Report(int units, TimeSpan elapsed)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var allocated = (GC.GetTotalAllocatedBytes(precise: false) - _allocatedAtStart) / Math.Max(1, units);
        var pause = GC.GetTotalPauseDuration() - _pauseAtStart;
        var cpu = (CpuTime() - _cpuAtStart).TotalMilliseconds / Math.Max(1, units);
        return $"cpu/step={cpu:F0}ms peak_rss={process.PeakWorkingSet64 / (1 << 20)}MB alloc/step={allocated / (1 << 20)}MB " +
            $"gc={GC.CollectionCount(0) - _collectionsAtStart[0]}/{GC.CollectionCount(1) - _collectionsAtStart[1]}/{GC.CollectionCount(2) - _collectionsAtStart[2]} " +
            $"gc_pause={100 * pause.TotalSeconds / Math.Max(1e-9, elapsed.TotalSeconds):F1}%";
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
