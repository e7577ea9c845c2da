namespace Lianfang.Core.Supervision;

/// <summary>预警: a rule that fired for a target. It stays while the rule keeps firing and clears itself when it stops.</summary>
public sealed class Warning
{
    private Warning() { Rule = TargetType = Message = Assignee = ""; }

    public Warning(Fired f, DateTime now)
    {
        Rule = f.Rule;
        TargetType = f.TargetType;
        TargetId = f.TargetId;
        OrgUnitId = f.OrgUnitId;
        Message = f.Message;
        Assignee = f.Assignee;
        RaisedAt = LastSeenAt = now;
    }

    public long Id { get; private set; }
    public string Rule { get; private set; }
    public string TargetType { get; private set; }
    public long TargetId { get; private set; }
    public int OrgUnitId { get; private set; }
    public Org.OrgUnit OrgUnit { get; private set; } = null!;
    public string Message { get; private set; }
    /// <summary>Who must act, as people read it (a name, or a role of the unit).</summary>
    public string Assignee { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }
    public DateTime? ClearedAt { get; private set; }

    public bool IsActive => ClearedAt is null;
    public (string, string, long) Key => (Rule, TargetType, TargetId);

    public void Refresh(Fired f, DateTime now)
    {
        Message = f.Message;
        Assignee = f.Assignee;
        OrgUnitId = f.OrgUnitId;
        LastSeenAt = now;
    }

    public void Clear(DateTime now) => ClearedAt = now;

    /// <summary>
    /// Brings the active warnings of the evaluated rules in line with what fires now: new firings are raised, known ones
    /// refreshed, and those no longer firing cleared. Running it twice changes nothing more (idempotent).
    /// </summary>
    public static List<Warning> Reconcile(IReadOnlyCollection<Warning> active, IEnumerable<Fired> firing, IReadOnlySet<string> rules, DateTime now)
    {
        var byKey = active.Where(w => w.IsActive && rules.Contains(w.Rule)).ToDictionary(w => w.Key);
        var raised = new List<Warning>();
        var seen = new HashSet<(string, string, long)>();
        foreach (var f in firing)
        {
            var key = (f.Rule, f.TargetType, f.TargetId);
            if (!seen.Add(key)) continue;
            if (byKey.TryGetValue(key, out var w)) w.Refresh(f, now);
            else raised.Add(new Warning(f, now));
        }
        foreach (var (key, w) in byKey) if (!seen.Contains(key)) w.Clear(now);
        return raised;
    }
}
