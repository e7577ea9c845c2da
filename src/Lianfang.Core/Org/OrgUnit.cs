namespace Lianfang.Core.Org;

/// <summary>A 纪委监委, 派驻机构, 单位 or 处室/科室 in the org tree.</summary>
public sealed class OrgUnit : IVersioned
{
    private readonly List<AgencySupervision> _supervises = [];

    private OrgUnit() { Name = ""; Path = ""; }

    public OrgUnit(string name, OrgUnitKind kind, OrgUnit? parent, string path)
    {
        Name = Text.Required(name, "name", "名称");
        if (!OrgRules.CanContain(parent?.Kind, kind))
            throw new DomainException("kind", OrgRules.ContainmentError(parent?.Kind, kind));
        Kind = kind;
        Parent = parent;
        ParentId = parent?.Id;
        Path = path;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public int? ParentId { get; private set; }
    /// <summary>Set when built in memory so a parent created in the same save gets its id wired in.</summary>
    public OrgUnit? Parent { get; private set; }
    public string Path { get; private set; }
    public int Version { get; set; }

    /// <summary>For an Agency: the units it supervises (派驻监督).</summary>
    public IReadOnlyCollection<AgencySupervision> Supervises => _supervises;

    /// <summary>Where notices of work in this unit's subtree are posted (its own OA or messaging gateway); null: the installation's.</summary>
    public string? NoticeWebhook { get; private set; }

    /// <summary>单位职责 / 部门工作职责, as 004 附件2 and 003 附件6/7 print them above the table.</summary>
    public string? Duties { get; private set; }
    /// <summary>廉政职责 of the unit (004 附件2).</summary>
    public string? IntegrityDuties { get; private set; }
    /// <summary>
    /// Its 主要负责人 (a unit) or 负责人 (a department): a person of its own subtree, printed as 主要负责人 / 责任人姓名 with
    /// their 职务 and 任职时间. The review's signers sign; this says who answers for the unit all year.
    /// </summary>
    public int? HeadPersonId { get; private set; }

    public void Rename(string name) => Name = Text.Required(name, "name", "名称");

    public void Describe(string? duties, string? integrityDuties)
    {
        Duties = Text.Optional(duties, "duties", "职责", 2000);
        IntegrityDuties = Text.Optional(integrityDuties, "integrityDuties", "廉政职责", 2000);
    }

    /// <param name="headPath">the org path of the head's own unit, which must lie in this unit's subtree</param>
    public void SetHead(int? personId, string? headPath)
    {
        if (personId is not null && (headPath is null || !OrgPath.IsAncestorOrSelf(Path, headPath)))
            throw new DomainException("headPersonId", $"负责人须是“{Name}”（含下级）的人员");
        HeadPersonId = personId;
    }

    public void SetNoticeWebhook(string? url)
    {
        var u = Text.Optional(url, "url", "通知推送地址", 500);
        if (u is not null && !(Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new DomainException("url", "通知推送地址应为 http:// 或 https:// 开头的网址");
        NoticeWebhook = u;
    }

    public void ChangeKind(OrgUnitKind kind, OrgUnitKind? parentKind, IEnumerable<OrgUnitKind> childKinds)
    {
        if (kind == Kind) return;
        if (!OrgRules.CanContain(parentKind, kind))
            throw new DomainException("kind", OrgRules.ContainmentError(parentKind, kind));
        foreach (var child in childKinds.Where(c => !OrgRules.CanContain(kind, c)))
            throw new DomainException("kind", OrgRules.ContainmentError(kind, child));
        if (kind != OrgUnitKind.Agency && _supervises.Count > 0)
            throw new DomainException("kind", "只有派驻机构可以监督单位，请先清空其监督单位");
        Kind = kind;
    }

    /// <summary>Moves this unit (and, through <paramref name="descendants"/>, its subtree) under a new parent.</summary>
    public void MoveUnder(OrgUnit newParent, string newPath, IEnumerable<OrgUnit> descendants)
    {
        if (OrgPath.IsAncestorOrSelf(Path, newParent.Path))
            throw DomainException.Conflict("parentId", "不能把机构移到它自己或它的下级机构之下（会形成循环）");
        if (!OrgRules.CanContain(newParent.Kind, Kind))
            throw new DomainException("parentId", OrgRules.ContainmentError(newParent.Kind, Kind));
        var oldPath = Path;
        foreach (var d in descendants)
        {
            if (!OrgPath.IsAncestorOrSelf(oldPath, d.Path) || d == this) continue;
            d.Path = newPath + d.Path[oldPath.Length..];
        }
        Parent = newParent;
        ParentId = newParent.Id;
        Path = newPath;
    }

    public void SetSupervised(IReadOnlyCollection<OrgUnit> units, OrgUnit? parent)
    {
        if (units.Count > 0 && Kind != OrgUnitKind.Agency)
            throw new DomainException("supervises", "只有派驻机构可以指定监督单位");
        foreach (var u in units)
        {
            if (u.Kind != OrgUnitKind.Unit)
                throw new DomainException("supervises", $"“{u.Name}”不是单位，派驻机构只能监督单位");
            if (parent is null || !OrgPath.IsAncestorOrSelf(parent.Path, u.Path))
                throw new DomainException("supervises", $"“{u.Name}”不在派出该机构的纪委监委管辖范围内");
        }
        _supervises.RemoveAll(s => units.All(u => u.Id != s.UnitId));
        foreach (var u in units.Where(u => _supervises.All(s => s.UnitId != u.Id)))
            _supervises.Add(new AgencySupervision(Id, u));
    }
}

/// <summary>An Agency (派驻机构) supervises a Unit.</summary>
public sealed class AgencySupervision
{
    private AgencySupervision() { }

    public AgencySupervision(int agencyId, OrgUnit unit)
    {
        AgencyId = agencyId;
        UnitId = unit.Id;
        Unit = unit;
    }

    public int AgencyId { get; private set; }
    public int UnitId { get; private set; }
    public OrgUnit Unit { get; private set; } = null!;
}

public static class OrgRules
{
    /// <summary>Which kind may sit under which: commissions head the tree, agencies are sent by a commission.</summary>
    public static bool CanContain(OrgUnitKind? parent, OrgUnitKind child) => (parent, child) switch
    {
        (null, OrgUnitKind.Commission) => true,
        (null, _) => false,
        (OrgUnitKind.Commission, _) => true,
        (OrgUnitKind.Agency, OrgUnitKind.Department) => true,
        (OrgUnitKind.Unit, OrgUnitKind.Unit or OrgUnitKind.Department) => true,
        (OrgUnitKind.Department, OrgUnitKind.Department) => true,
        _ => false,
    };

    public static string ContainmentError(OrgUnitKind? parent, OrgUnitKind child) => parent is null
        ? $"顶层机构只能是纪委监委，不能是{child.Label()}"
        : $"{parent.Value.Label()}下不能设立{child.Label()}";

    public static void EnsureUniqueName(string name, IEnumerable<string> siblingNames)
    {
        if (siblingNames.Contains(name, StringComparer.Ordinal))
            throw DomainException.Conflict("name", $"同一上级下已有名为“{name}”的机构");
    }
}
