using Lianfang.Core.Access;
using Lianfang.Core.Register;
using Lianfang.Core.Review;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Features.Warnings;

namespace Lianfang.Web.Features.Inbox;

/// <summary>
/// 待办, every kind of work that waits for the user: lists to write or fix (list) and to review, comment on or sign (review),
/// 整改 tasks they own or verify (rectification), 书面问询 to answer (inquiry), new complaints to triage (complaint), planned
/// inspections they carry out (inspection) and warnings assigned to them by name (warning).
/// </summary>
public sealed class InboxQueries(AppDbContext db, SchemeStore schemes, IConfiguration config, Reviewers reviewers, ReadCache cache, TimeProvider time)
{
    /// <summary>What the layout shows on every page: the number of 待办 and of warnings overseen (up to 20).</summary>
    public sealed record Counts(int Todo, int Warnings);

    /// <summary>
    /// The layout's counts, kept across requests until this node writes (<see cref="ReadCache"/>): building the 待办 costs a
    /// dozen queries, which every page would otherwise pay.
    /// </summary>
    public async Task<Counts> CountsAsync(AccessScope scope, CancellationToken ct)
    {
        if (!scope.IsAuthenticated) return new(0, 0);
        if (_loaded is not null && _warnings is not null) return new(_loaded.Count, _warnings.Count);
        return await cache.GetAsync($"inbox:{scope.UserId}",
            async () => new Counts((await LoadAsync(scope, ct)).Count, (await WarningsAsync(scope, ct)).Count));
    }

    /// <param name="Kind">list, review, rectification, inquiry, complaint, inspection or warning</param>
    /// <param name="Context">the campaign, the unit or the inspection it belongs to</param>
    public sealed record Item(string Kind, string Task, string Title, string? Context, string Link, DateOnly? Deadline, string? From, int? ListId = null)
    {
        /// <summary>The day the 待办 was loaded (the app's today), which <see cref="DaysLeft"/> counts from.</summary>
        public DateOnly Today { get; init; }
        public int DaysLeft => Deadline is { } d ? d.DayNumber - Today.DayNumber : int.MaxValue;
        public bool Overdue => DaysLeft < 0;

        public static string KindLabel(string kind) => kind switch
        {
            "list" => "清单", "review" => "审核", "rectification" => "整改", "inquiry" => "书面问询", "complaint" => "信访举报", "inspection" => "监督检查",
            "warning" => "预警", _ => kind,
        };
    }

    private List<Item>? _loaded;
    private List<WarningDto>? _warnings;

    /// <summary>Active warnings where the user inspects or supervises, other than those assigned to them: what they oversee.</summary>
    public async Task<List<WarningDto>> WarningsAsync(AccessScope scope, CancellationToken ct)
    {
        if (_warnings is not null) return _warnings;
        if (!scope.IsAuthenticated || !Supervision.SupervisionCommands.Inspects(scope)) return _warnings = [];
        var name = await MyNameAsync(scope, ct);
        return _warnings = await WarningQueries.DtosAsync(WarningQueries.Visible(db, scope)
            .Where(w => w.ClearedAt == null && (name == null || !w.Assignee.Contains(name)))
            .OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Take(20), ct);
    }

    /// <summary>001's department lists being signed row by row whose rows name the user and wait for their signature.</summary>
    private async Task<List<(int ListId, int Rows)>> RowsToSignAsync(AccessScope scope, CancellationToken ct)
    {
        if (scope.PersonId is not { } me) return [];
        var person = await db.People.AsNoTracking().Where(p => p.Id == me).Select(p => new { p.Name, p.OrgUnitId }).FirstOrDefaultAsync(ct);
        if (person is null) return [];
        var lists = await db.RiskLists.Include(l => l.OrgUnit).AsNoTracking()
            .Where(l => l.OrgUnitId == person.OrgUnitId && l.Scope == ListScope.Department && l.Campaign.Status == CampaignStatus.Open
                && (l.Status == ListStatus.Draft || l.Status == ListStatus.Returned)).OrderBy(l => l.Id).Take(20).ToListAsync(ct);
        var result = new List<(int, int)>();
        foreach (var list in lists)
        {
            if (await schemes.FindAsync(list.SchemeCode, ct) is not { } scheme || !RowSignature.Required(scheme, list)) continue;
            var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).ToListAsync(ct);
            var signed = await db.RowSignatures.AsNoTracking()
                .Where(r => r.ListId == list.Id && r.Revision == list.Revision && r.PersonId == me)
                .ToListAsync(ct);
            var pending = points.Count(p => (p.Responsible.Persons ?? []).Contains(person.Name) && !signed.Any(r => r.Covers(p)));
            if (pending > 0) result.Add((list.Id, pending));
        }
        return result;
    }

    /// <summary>Approved lists whose form has a line the user signs on the form itself (003 附件8: 分管领导签字), not yet signed.</summary>
    private async Task<List<(int ListId, string Task)>> FormsToSignAsync(AccessScope scope, CancellationToken ct)
    {
        // whoever a form's line may name (SignatureLines.ActorOf); the exact check is the reviewers' own, below
        var prefixes = scope.PrefixesFor(Role.LeaderInCharge, Role.Principal, Role.DeptHead, Role.PartyOffice, Role.Agency);
        if (prefixes.Count == 0) return [];
        var approved = db.RiskLists.AsNoTracking().Where(l => (l.Status == ListStatus.Approved || l.Status == ListStatus.Published)
            && l.Campaign.Status == CampaignStatus.Open).Under(prefixes, l => l.OrgUnit.Path);
        var codes = new List<string>();
        foreach (var code in await approved.Select(l => l.SchemeCode).Distinct().ToListAsync(ct))
            if (await schemes.FindAsync(code, ct) is { } scheme && scheme.Forms.Any(f => f.Countersign.Count > 0)) codes.Add(code);
        if (codes.Count == 0) return [];
        var lists = await approved.Where(l => codes.Contains(l.SchemeCode)).OrderBy(l => l.Id).Take(500)
            .Select(l => new { l.Id, l.SchemeCode, l.Scope, l.HolderPersonId, l.CampaignId, l.OrgUnitId, l.Revision, Path = l.OrgUnit.Path }).ToListAsync(ct);
        var ids = lists.Select(l => l.Id).ToList();
        var signed = (await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.ListId) && r.Decision == Decision.Countersign)
            .Select(r => new { r.ListId, r.Revision, r.StageCode, r.StageName }).ToListAsync(ct)).ToHashSet();
        var result = new List<(int, string)>();
        foreach (var l in lists)
        {
            var scheme = (await schemes.FindAsync(l.SchemeCode, ct))!;
            var list = new Reviewers.ListRef(l.CampaignId, l.OrgUnitId, l.Path, l.Scope, l.HolderPersonId);
            foreach (var f in Core.Forms.SignatureLines.CountersignForms(scheme, l.Scope, l.HolderPersonId is not null))
                foreach (var line in f.Countersign.Where(x => !signed.Contains(
                             new { ListId = l.Id, l.Revision, StageCode = (string?)Core.Forms.SignatureLines.CountersignCode(f), StageName = x })))
                    if (await reviewers.CanActAsync(scope, list, Core.Forms.SignatureLines.CountersignStage(f, line), ct))
                        result.Add((l.Id, $"表上签字：{f.Title}「{line}」"));
        }
        return result;
    }

    /// <summary>Items whose campaign deadline is this close (or past) are reminded of on the home page and marked in the inbox.</summary>
    public int ReminderDays => config.GetValue("Lianfang:ReminderDays", 7);

    /// <summary>The caller's 待办, loaded once per request (the layout's count and the page share it).</summary>
    public async Task<List<Item>> LoadAsync(AccessScope scope, CancellationToken ct) => _loaded ??= await QueryAsync(scope, ct);

    private string? _name;

    private async Task<string?> MyNameAsync(AccessScope scope, CancellationToken ct) =>
        _name ??= scope.PersonId is { } p ? await db.People.Where(x => x.Id == p).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;

    private async Task<List<Item>> QueryAsync(AccessScope scope, CancellationToken ct)
    {
        if (!scope.IsAuthenticated) return [];
        var items = await ListItemsAsync(scope, ct);
        items.AddRange(await SupervisionItemsAsync(scope, ct));
        var today = time.Today();
        return items.OrderBy(i => i.Deadline ?? DateOnly.MaxValue).ThenBy(i => i.Kind).Select(i => i with { Today = today }).ToList();
    }

    /// <summary>整改 to do or verify, 书面问询 to answer, complaints to triage, planned inspections, warnings assigned by name.</summary>
    private async Task<List<Item>> SupervisionItemsAsync(AccessScope scope, CancellationToken ct)
    {
        var items = new List<Item>();
        var me = scope.PersonId;
        var user = scope.UserId;
        foreach (var r in await db.Rectifications.AsNoTracking()
                     .Where(r => (r.OwnerPersonId == me && me != null && r.Status == Core.Supervision.RectificationStatus.Open)
                         || (r.Status == Core.Supervision.RectificationStatus.Submitted && r.Finding.Inspection.InspectorUserId == user))
                     .OrderBy(r => r.Deadline).Take(200)
                     .Select(r => new { r.Id, r.Task, r.Deadline, r.Status, Unit = r.OwnerOrgUnit.Name, r.Owner, From = r.Finding.Inspection.InspectorName })
                     .ToListAsync(ct))
            items.Add(r.Status == Core.Supervision.RectificationStatus.Open
                ? new Item("rectification", "整改：落实并报送整改情况", r.Task, r.Unit, $"/Supervision/Rectification?id={r.Id}", r.Deadline, r.From)
                : new Item("rectification", "验收整改", r.Task, $"{r.Unit} {r.Owner}", $"/Supervision/Rectification?id={r.Id}", r.Deadline, r.Owner));
        var officeOver = scope.PrefixesFor(Core.Access.Role.PartyOffice);
        var inquiries = db.Inspections.AsNoTracking()
            .Where(i => i.Type == Core.Supervision.InspectionType.Written && i.Status == Core.Supervision.InspectionStatus.Open);
        foreach (var i in await inquiries.Where(i => i.PersonId == me && me != null)
                     .Union(inquiries.Where(i => i.PersonId == null).Under(officeOver, i => i.OrgUnit.Path))
                     .OrderBy(i => i.Date).Take(200).Select(i => new { i.Id, i.Subject, Unit = i.OrgUnit.Name, i.InspectorName }).ToListAsync(ct))
            items.Add(new Item("inquiry", "书面问询：请书面答复", i.Subject ?? "书面问询", i.Unit, $"/Supervision/Inspection?id={i.Id}", null, i.InspectorName));
        foreach (var c in await db.Complaints.AsNoTracking().Where(c => c.Status == Core.Supervision.ComplaintStatus.New).Under(officeOver, c => c.OrgUnit.Path)
                     .OrderBy(c => c.ReceivedAt).Take(200).Select(c => new { c.Id, c.Source, Unit = c.OrgUnit.Name, c.ReceivedAt }).ToListAsync(ct))
            items.Add(new Item("complaint", "信访举报：请受理分办",
                $"{(c.Source == Core.Supervision.ComplaintSource.Petition ? "信访件" : "群众反映")}（{Clock.Local(c.ReceivedAt):yyyy-MM-dd} 收到）",
                c.Unit, "/Complaints?status=New", null, null));
        foreach (var i in await db.Inspections.AsNoTracking().Where(i => i.Status == Core.Supervision.InspectionStatus.Planned && i.InspectorUserId == user)
                     .OrderBy(i => i.Date).Take(200).Select(i => new { i.Id, i.Type, i.Subject, i.Date, Unit = i.OrgUnit.Name }).ToListAsync(ct))
            items.Add(new Item("inspection", $"计划开展：{Core.Supervision.Inspection.Label(i.Type)}", i.Subject ?? Core.Supervision.Inspection.Label(i.Type),
                i.Unit, $"/Supervision/Inspection?id={i.Id}", i.Date, null));
        if (await MyNameAsync(scope, ct) is { Length: > 1 } name)
            foreach (var w in await db.Warnings.AsNoTracking()
                         .Where(w => w.ClearedAt == null && w.Assignee.Contains(name)).OrderByDescending(w => w.RaisedAt).Take(100)
                         .Select(w => new { w.Id, w.Rule, w.Message, w.TargetType, w.TargetId, Unit = w.OrgUnit.Name }).ToListAsync(ct))
                items.Add(new Item("warning", Core.Supervision.WarningRules.Label(w.Rule), w.Message, w.Unit,
                    WarningQueries.Link(w.TargetType, w.TargetId) ?? "/Warnings", null, null));
        return items;
    }

    /// <summary>Lists waiting at a stage the user decides, invitations and row signatures, and the user's own lists to write or fix.</summary>
    private async Task<List<Item>> ListItemsAsync(AccessScope scope, CancellationToken ct)
    {
        var inReview = db.RiskLists.AsNoTracking().Where(l => l.Status == ListStatus.InReview && l.Campaign.Status == CampaignStatus.Open);
        // Beyond what the user reads: lists their department's colleagues, or a department paired with one they head, wait with.
        var myUnit = scope.PersonId is { } me
            ? db.People.Where(p => p.Id == me).Select(p => p.OrgUnitId)
            : db.People.Where(_ => false).Select(p => p.OrgUnitId);
        var headed = db.OrgUnits.Under(scope.PrefixesFor(Core.Access.Role.DeptHead), u => u.Path).Select(u => u.Id);
        var pairedTo = db.PeerPairs.Where(p => headed.Contains(p.PeerOrgUnitId));
        var waiting = await inReview.Visible(scope)
            .Union(inReview.Where(l => myUnit.Contains(l.OrgUnitId) || pairedTo.Any(p => p.CampaignId == l.CampaignId && p.OrgUnitId == l.OrgUnitId)))
            .Select(l => new { l.Id, l.SchemeCode, l.Scope, l.Stage, l.HolderPersonId, l.CampaignId, l.OrgUnitId, Path = l.OrgUnit.Path })
            .OrderBy(l => l.Id).Take(2000).ToListAsync(ct);
        var mine = new Dictionary<int, (string Kind, string Task)>();
        var stages = new List<(int Id, Reviewers.ListRef List, ReviewStageDef Stage)>();
        foreach (var l in waiting)
            if (await schemes.FindAsync(l.SchemeCode, ct) is { } scheme && Workflow.StageOf(scheme, l.Scope, l.Stage) is { } stage)
                stages.Add((l.Id, new Reviewers.ListRef(l.CampaignId, l.OrgUnitId, l.Path, l.Scope, l.HolderPersonId), stage));
        await reviewers.PreloadAsync(scope, stages.Select(x => (x.List, x.Stage.Actor)).ToList(), ct);
        foreach (var (id, list, stage) in stages)
            if (await reviewers.CanActAsync(scope, list, stage, ct)) mine[id] = ("review", $"审核：{stage.Name}");
        if (scope.PersonId is { } pid)
            foreach (var l in await db.RiskLists.AsNoTracking().Where(l => l.HolderPersonId == pid && l.Campaign.Status == CampaignStatus.Open
                         && (l.Status == ListStatus.Draft || l.Status == ListStatus.Returned)).Select(l => new { l.Id, l.Status }).ToListAsync(ct))
                mine[l.Id] = ("list", l.Status == ListStatus.Returned ? "已退回，请修改后重新提交" : "填写并提交本人清单");
        var invited = await db.ReviewInvitations.Where(i => i.UserId == scope.UserId)
            .Join(db.RiskLists, i => i.ListId, l => l.Id, (i, l) => new { i, l })
            .Where(x => x.l.Status == ListStatus.InReview && x.l.Revision == x.i.Revision && x.l.Stage == x.i.StageCode
                && !db.Reviews.Any(r => r.ListId == x.l.Id && r.UserId == scope.UserId && r.Decision == Decision.Comment
                    && r.Revision == x.l.Revision && r.StageCode == x.l.Stage))
            .Select(x => x.l.Id).OrderBy(id => id).Take(500).ToListAsync(ct);
        foreach (var id in invited) mine[id] = ("review", "帮查：请提出意见");
        foreach (var (id, n) in await RowsToSignAsync(scope, ct)) mine[id] = ("review", $"逐条签字：{n} 条待您签字");
        foreach (var (id, task) in await FormsToSignAsync(scope, ct)) mine[id] = ("review", task);
        if (mine.Count == 0) return [];
        var ids = mine.Keys.ToList();
        var rows = await ListTitles.QueryAsync(db, db.RiskLists.Where(l => ids.Contains(l.Id)), ct);
        return rows.Select(r => new Item(mine[r.Id].Kind, mine[r.Id].Task, r.Title, r.Campaign, $"/Lists/Edit?id={r.Id}", r.Deadline, null, r.Id)).ToList();
    }
}
