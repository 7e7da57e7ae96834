namespace GeoCredit.Core.Dispatch;

/// <summary>
/// The open work orders in memory, indexed by id, by team, by company and by assignee; the server keeps the same
/// orders in the database and loads them back with <see cref="Load"/> after a restart. An order that reaches a
/// final state stays until the next overdue scan has looked at it once more (a clock can have run out unseen
/// just before it closed), then leaves. Thread-safe: the book has one lock, each order its own, and neither is
/// ever taken while holding the other in the reverse order.
/// </summary>
public sealed class WorkOrderBook
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly OverdueScanner _scanner;
    private readonly Dictionary<string, WorkOrder> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WorkOrder>> _byTeam = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WorkOrder>> _byCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WorkOrder>> _byAssignee = new(StringComparer.Ordinal);

    // The assignee each order is indexed under, so a change can be moved from the old entry to the new one.
    private readonly Dictionary<WorkOrder, string?> _indexedAssignee = new(ReferenceEqualityComparer.Instance);

    public WorkOrderBook(TimeProvider clock, OverdueScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(scanner);

        _clock = clock;
        _scanner = scanner;
    }

    public WorkOrderBook(TimeProvider clock)
        : this(clock, new OverdueScanner())
    {
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Adds a new order.</summary>
    /// <exception cref="ArgumentException">An order with the same id is already in the book.</exception>
    public void Add(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);

        lock (_gate)
        {
            if (_byId.ContainsKey(order.Id))
            {
                throw new ArgumentException($"Work order {order.Id} is already in the book.", nameof(order));
            }

            // Attached before it is indexed: a change racing with the add then waits for this lock and finds the
            // order indexed, instead of slipping through unseen.
            order.Attach(OnChanged);
            Index(order);
        }
    }

    /// <summary>
    /// Loads orders known from storage after a restart. Final orders are taken in too, so that the next scan can
    /// still report a clock that ran out on them before the restart; that scan then lets them go.
    /// </summary>
    public void Load(IEnumerable<WorkOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);

        foreach (var order in orders)
        {
            Add(order);
        }
    }

    public bool TryGet(string id, out WorkOrder order)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out order!);
        }
    }

    /// <summary>All orders in the book, oldest first.</summary>
    public IReadOnlyList<WorkOrder> All()
    {
        lock (_gate)
        {
            return Sorted(_byId.Values);
        }
    }

    public IReadOnlyList<WorkOrder> ForTeam(string teamId) => Lookup(_byTeam, teamId);

    public IReadOnlyList<WorkOrder> ForCompany(string companyId) => Lookup(_byCompany, companyId);

    public IReadOnlyList<WorkOrder> ForAssignee(string userId) => Lookup(_byAssignee, userId);

    /// <summary>Scans for clocks that ran out, at the book's clock's current time.</summary>
    public OverdueScan ScanOverdue() => ScanOverdue(_clock.GetUtcNow());

    /// <summary>
    /// Scans every order for clocks that ran out by <paramref name="now"/> (each reported once), then drops the
    /// orders that had reached a final state before the scan began.
    /// </summary>
    public OverdueScan ScanOverdue(DateTimeOffset now)
    {
        WorkOrder[] orders;
        lock (_gate)
        {
            orders = [.. _byId.Values];
        }

        // Decided before scanning: an order closing during the scan keeps its place for the next one.
        var closed = orders.Where(order => order.IsFinal).ToArray();
        var scan = _scanner.Scan(orders, now);

        lock (_gate)
        {
            foreach (var order in closed)
            {
                Unindex(order);
            }
        }

        return scan;
    }

    private static WorkOrder[] Sorted(IEnumerable<WorkOrder> orders) =>
        orders.OrderBy(order => order.CreatedAt).ThenBy(order => order.Id, StringComparer.Ordinal).ToArray();

    private static void AddTo(Dictionary<string, HashSet<WorkOrder>> index, string key, WorkOrder order)
    {
        if (!index.TryGetValue(key, out var set))
        {
            set = new HashSet<WorkOrder>(ReferenceEqualityComparer.Instance);
            index.Add(key, set);
        }

        set.Add(order);
    }

    private static void RemoveFrom(Dictionary<string, HashSet<WorkOrder>> index, string key, WorkOrder order)
    {
        if (index.TryGetValue(key, out var set) && set.Remove(order) && set.Count == 0)
        {
            index.Remove(key);
        }
    }

    private WorkOrder[] Lookup(Dictionary<string, HashSet<WorkOrder>> index, string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        lock (_gate)
        {
            return index.TryGetValue(key, out var set) ? Sorted(set) : [];
        }
    }

    // Called by an order after each change, outside the order's lock. It reads the order's current assignee
    // rather than trusting the order of callbacks, so two racing changes still leave the index right.
    private void OnChanged(WorkOrder order)
    {
        var assignee = order.Assignee;

        lock (_gate)
        {
            if (!_indexedAssignee.TryGetValue(order, out var indexed) || indexed == assignee)
            {
                return;
            }

            if (indexed is not null)
            {
                RemoveFrom(_byAssignee, indexed, order);
            }

            if (assignee is not null)
            {
                AddTo(_byAssignee, assignee, order);
            }

            _indexedAssignee[order] = assignee;
        }
    }

    private void Index(WorkOrder order)
    {
        _byId.Add(order.Id, order);
        AddTo(order.Addressee.Kind == AddresseeKind.Team ? _byTeam : _byCompany, order.Addressee.Id, order);

        var assignee = order.Assignee;
        if (assignee is not null)
        {
            AddTo(_byAssignee, assignee, order);
        }

        _indexedAssignee[order] = assignee;
    }

    private void Unindex(WorkOrder order)
    {
        if (!_byId.Remove(order.Id))
        {
            return;
        }

        RemoveFrom(order.Addressee.Kind == AddresseeKind.Team ? _byTeam : _byCompany, order.Addressee.Id, order);
        if (_indexedAssignee.Remove(order, out var assignee) && assignee is not null)
        {
            RemoveFrom(_byAssignee, assignee, order);
        }
    }
}
