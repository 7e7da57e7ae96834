namespace GeoCredit.Storage.Positions;

/// <summary>
/// Bounds how many positions may wait in memory: a producer awaits room before it adds, so a slow database
/// slows the producers instead of growing memory. A request larger than the whole budget is let through
/// when the queue is empty, so it cannot wait forever. Thread-safe.
/// </summary>
internal sealed class QueueBudget(int capacity)
{
    private readonly object _gate = new();
    private readonly Queue<(int Amount, TaskCompletionSource Waiter)> _waiters = new();
    private int _used;

    public int Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    public ValueTask AcquireAsync(int amount, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && Fits(amount))
            {
                _used += amount;
                return ValueTask.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((amount, waiter));
        }

        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), waiter);
        }

        return new ValueTask(waiter.Task);
    }

    public void Release(int amount)
    {
        lock (_gate)
        {
            _used -= amount;
            while (_waiters.Count > 0)
            {
                var (next, waiter) = _waiters.Peek();
                if (waiter.Task.IsCompleted)
                {
                    // Cancelled while waiting: it never took its amount.
                    _waiters.Dequeue();
                    continue;
                }

                if (!Fits(next))
                {
                    break;
                }

                _waiters.Dequeue();
                if (waiter.TrySetResult())
                {
                    _used += next;
                }
            }
        }
    }

    private bool Fits(int amount) => _used == 0 || _used + amount <= capacity;
}
