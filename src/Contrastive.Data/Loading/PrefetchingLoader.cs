using System.Diagnostics;
using Contrastive.Data.Sampling;

namespace Contrastive.Data.Loading;

/// <summary>
/// Builds the next batches on worker threads while the consumer trains. Jobs are handed out in sampler
/// order and results are returned in that order, whatever the number of workers, so the output for a
/// seed is deterministic. At most <see cref="LoaderOptions.Capacity"/> batches are built ahead. A worker's
/// exception is rethrown by <see cref="TryNext"/> (as an <see cref="InvalidOperationException"/> whose
/// inner exception is the original) when the consumer reaches the failed batch; <see cref="Dispose"/>
/// stops and joins every worker. <see cref="WaitTime"/> is the time the consumer spent blocked.
/// </summary>
/// <typeparam name="TBatch">What a batch is built into (e.g. a view batch).</typeparam>
public sealed class PrefetchingLoader<TBatch> : IDisposable
{
    private readonly IBatchSampler _sampler;
    private readonly Func<BatchJob, TBatch> _build;
    private readonly LoaderOptions _options;
    private readonly object _gate = new();
    private readonly TBatch[] _results;
    private readonly Exception?[] _failures;
    private readonly bool[] _ready;
    private readonly BatchJob?[] _jobs;
    private readonly Thread[] _workers;
    private readonly long _end; // sequence number one past the last batch (long.MaxValue when endless)
    private SamplerPosition _nextJobPosition;
    private long _nextJob, _nextOut;
    private bool _stopped, _failed;
    private long _waitTicks;

    /// <summary>Starts the workers.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public PrefetchingLoader(IBatchSampler sampler, Func<BatchJob, TBatch> build, LoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(build);
        options.Validate();
        SamplerPosition.Validate(options.Start.Epoch, options.Start.Batch, sampler.BatchesPerEpoch);
        (_sampler, _build, _options) = (sampler, build, options);
        _results = new TBatch[options.Capacity];
        _failures = new Exception?[options.Capacity];
        _ready = new bool[options.Capacity];
        _jobs = new BatchJob?[options.Capacity];
        _nextJobPosition = options.Start;
        Position = options.Start;
        _end = options.EndEpoch is { } end
            ? new SamplerPosition(end, 0).Ordinal(sampler.BatchesPerEpoch) - options.Start.Ordinal(sampler.BatchesPerEpoch)
            : long.MaxValue;
        _workers = new Thread[options.Workers];
        for (var w = 0; w < _workers.Length; w++)
        {
            _workers[w] = new Thread(WorkerLoop) { IsBackground = true, Name = $"loader-worker-{w}" };
            _workers[w].Start();
        }
    }

    /// <summary>The position of the next batch <see cref="TryNext"/> returns; save it to resume.</summary>
    public SamplerPosition Position { get; private set; }

    /// <summary>Total time the consumer spent waiting for batches.</summary>
    public TimeSpan WaitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _waitTicks));

    /// <summary>
    /// The next batch in order; false after the last batch of <see cref="LoaderOptions.EndEpoch"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A worker failed on this batch (inner exception: the original).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="ObjectDisposedException">The loader was disposed.</exception>
    public bool TryNext(out TBatch batch, CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(PulseAll) : default;
        var started = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_nextOut >= _end)
            {
                batch = default!;
                return false;
            }
            var slot = (int)(_nextOut % _results.Length);
            while (!_ready[slot])
            {
                cancellationToken.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(_stopped, this);
                Monitor.Wait(_gate);
            }
            Interlocked.Add(ref _waitTicks, Stopwatch.GetTimestamp() - started);
            var job = _jobs[slot]!;
            if (_failures[slot] is { } failure)
                throw new InvalidOperationException($"loader worker failed building batch {job.BatchIndex} of epoch {job.Epoch}: {failure.Message}", failure);
            batch = _results[slot];
            (_results[slot], _jobs[slot], _ready[slot]) = (default!, null, false);
            _nextOut++;
            Position = Position.Next(_sampler.BatchesPerEpoch);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>All remaining batches, in order.</summary>
    public IEnumerable<TBatch> ReadAll(CancellationToken cancellationToken = default)
    {
        while (TryNext(out var batch, cancellationToken)) yield return batch;
    }

    /// <summary>Stops the workers and waits for them (a batch being built is finished, then dropped).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var worker in _workers) worker.Join();
    }

    private void PulseAll()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }

    private void WorkerLoop()
    {
        while (true)
        {
            BatchJob job;
            int slot;
            lock (_gate)
            {
                while (!_stopped && !_failed && _nextJob < _end && _nextJob >= _nextOut + _results.Length) Monitor.Wait(_gate);
                if (_stopped || _failed || _nextJob >= _end) return;
                slot = (int)(_nextJob % _results.Length);
                try
                {
                    job = NextJob();
                }
#pragma warning disable CA1031 // a sampler failure must reach the consumer, not kill the process
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Fail(slot, new BatchJob(_nextJob++, _nextJobPosition.Epoch, _nextJobPosition.Batch, [], 0), e);
                    return;
                }
                _jobs[slot] = job;
            }
            try
            {
                var result = _build(job);
                lock (_gate)
                {
                    (_results[slot], _ready[slot]) = (result, true);
                    Monitor.PulseAll(_gate);
                }
            }
#pragma warning disable CA1031 // any failure of user code must reach the consumer, not kill the process
            catch (Exception e)
#pragma warning restore CA1031
            {
                lock (_gate) Fail(slot, job, e);
                return;
            }
        }
    }

    /// <summary>Draws the next job from the sampler (under the lock, so sampler calls stay in order).</summary>
    private BatchJob NextJob()
    {
        var pos = _nextJobPosition;
        var indices = _sampler.Batch(pos.Epoch, pos.Batch);
        var total = _options.TotalEpochs ?? _options.EndEpoch;
        var progress = total is { } t ? Math.Clamp((float)(pos.Ordinal(_sampler.BatchesPerEpoch) / ((double)t * _sampler.BatchesPerEpoch)), 0f, 1f) : 0f;
        _nextJobPosition = pos.Next(_sampler.BatchesPerEpoch);
        return new BatchJob(_nextJob++, pos.Epoch, pos.Batch, indices, progress);
    }

    private void Fail(int slot, BatchJob job, Exception e)
    {
        (_jobs[slot], _failures[slot], _ready[slot], _failed) = (job, e, true, true);
        Monitor.PulseAll(_gate);
    }
}
