using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Lists;

/// <summary>One list: its points, and (for whoever writes it) the editor with suggestions.</summary>
public sealed class EditModel(AppDbContext db, CurrentUser me, RegisterCommands commands, SchemeStore schemes, Review.ReviewCommands review,
    Reviewers reviewers, Forms.ExportForms export) : PageModel
{
    /// <summary>The forms the list downloads in: the scheme's and the units' own.</summary>
    public IReadOnlyList<Forms.ListFormChoice> Forms { get; private set; } = [];

    public sealed class PointInput
    {
        public long? PointId { get; set; }
        public int? Version { get; set; }
        public string? CategoryCode { get; set; }
        public string? LevelCode { get; set; }
        public string? Description { get; set; }
        public string? Manifestation { get; set; }
        public string? Measures { get; set; }
        public string? MeasureKind { get; set; }
        public string? MeasurePhase { get; set; }
        public string? Basis { get; set; }
        public string? Focus { get; set; }
        public List<string> Methods { get; set; } = [];
        public List<string> Sources { get; set; } = [];
        public string? Leader { get; set; }
        public string? Department { get; set; }
        public string? Persons { get; set; }
        /// <summary>"powerId|stepKey" (the step may be empty): where in the power catalog the risk lies.</summary>
        public string? PowerStep { get; set; }
        /// <summary>004: positions on the scheme's likelihood and harm scales (1-based); the level follows from the matrix.</summary>
        public int? Likelihood { get; set; }
        public int? Harm { get; set; }
        /// <summary>000: 已把握危害性、可描述性、可防范性三个要素.</summary>
        public bool ElementsChecked { get; set; }

        public RiskPointContent ToContent() => new(CategoryCode, Description, Manifestation, LevelCode, null, null, Sources,
            MeasureText.Split(Measures).Select(m => new ControlMeasure(m, MeasureKind, MeasurePhase)).ToList(),
            new SupervisionPath(Basis, Focus, Methods),
            new Responsible(Leader, Department,
                (Persons ?? "").Split(['、', ',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            int.TryParse(PowerStep?.Split('|')[0], out var power) ? power : null,
            PowerStep?.Split('|').ElementAtOrDefault(1) is { Length: > 0 } step ? step : null,
            Likelihood, Harm, ElementsChecked);
    }

    /// <summary>审定 of one point as the decision form posts it.</summary>
    public sealed class LevelInput
    {
        public long PointId { get; set; }
        public string? LevelCode { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>A revision of one point's measures as the decision form posts it (001's 政治处).</summary>
    public sealed class RevisionInput
    {
        public long PointId { get; set; }
        public string? Measures { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record SuggestionSet(IReadOnlyList<string> Manifestations, IReadOnlyList<string> Similar);

    [BindProperty] public PointInput Input { get; set; } = new();
    public int Id { get; private set; }
    public ListTitles.Row Title { get; private set; } = null!;
    public Scheme Scheme { get; private set; } = null!;
    public List<RiskPoint> Points { get; private set; } = [];
    public bool CanWrite { get; private set; }
    /// <summary>Powers of the list's unit line with their steps, for pinning a point ("id|key" → label).</summary>
    public List<(string Value, string Label)> PowerSteps { get; private set; } = [];
    public string WhoWrites { get; private set; } = "";
    public SuggestionSet Suggestions { get; private set; } = new([], []);
    public List<Lianfang.Core.Review.ReviewRecord> History { get; private set; } = [];
    public Lianfang.Core.Schemes.ReviewStageDef? Stage { get; private set; }
    public bool CanSubmit { get; private set; }
    public bool CanDecide { get; private set; }
    /// <summary>What the current stage waits for when its body is not set up (no leading group yet).</summary>
    public string? WaitingFor { get; private set; }
    /// <summary>001's department list: gathered from 岗位自查 and signed row by row (逐条逐栏) before it is submitted.</summary>
    public bool RowsSigned { get; private set; }
    public List<Core.Review.RowSignature> RowSignatures { get; private set; } = [];
    public IReadOnlyList<string> MissingRows { get; private set; } = [];
    /// <summary>Rows naming the signed-in person that they have not signed as they stand.</summary>
    public int MyPendingRows { get; private set; }
    /// <summary>The leading group's members, for the meeting record of its stage.</summary>
    public List<(int PersonId, string Label)> GroupMembers { get; private set; } = [];
    public bool CanReopen { get; private set; }
    /// <summary>Whether each signature holds, by review record id.</summary>
    public Dictionary<long, Lianfang.Core.Review.SignatureVerdict> Verdicts { get; private set; } = [];
    /// <summary>The verdict on the latest signature; null before any signature.</summary>
    public Lianfang.Core.Review.SignatureVerdict? Latest { get; private set; }
    public string ContentHash { get; private set; } = "";
    public int Revision { get; private set; }
    public bool IsPersonal { get; private set; }
    public string? Commitment { get; private set; }
    /// <summary>The list's version as drawn, sent back with the commitment so a change made since is not overwritten.</summary>
    public int ListVersion { get; private set; }
    public bool CanPublish { get; private set; }
    /// <summary>The latest publication of this revision, if any.</summary>
    public Lianfang.Core.Review.Publication? Publication { get; private set; }
    public bool CanInvite { get; private set; }
    public List<Review.HelperOption> Helpers { get; private set; } = [];
    public bool CanComment { get; private set; }
    /// <summary>The unit (not the department) whose public page shows this list.</summary>
    public int PublicUnitId { get; private set; }

    /// <summary>Lines signed on the list's forms after approval (003 附件8: 分管领导签字), signed or not.</summary>
    public List<Review.CountersignLine> Countersigns { get; private set; } = [];

    public async Task OnGetAsync(int id, long? point, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (point is { } pid && Points.FirstOrDefault(p => p.Id == pid) is { } p)
        {
            Input = new PointInput
            {
                PointId = p.Id, Version = p.Version, CategoryCode = p.CategoryCode, LevelCode = p.LevelCode, Description = p.Description,
                Manifestation = p.Manifestation, Measures = string.Join('\n', p.Measures.Select((m, i) => $"{i + 1}．{m.Text}")),
                MeasureKind = p.Measures.FirstOrDefault()?.Kind, MeasurePhase = p.Measures.FirstOrDefault()?.Phase,
                Basis = p.Supervision.Basis, Focus = p.Supervision.Focus, Methods = [.. p.Supervision.Methods ?? []], Sources = p.Sources,
                Leader = p.Responsible.Leader, Department = p.Responsible.Department, Persons = string.Join("、", p.Responsible.Persons ?? []),
                PowerStep = p.PowerId is { } power ? $"{power}|{p.FlowStepKey}" : null,
                Likelihood = p.Likelihood, Harm = p.Harm, ElementsChecked = p.ElementsChecked,
            };
            Suggestions = await SuggestAsync(p.CategoryCode, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Suggestions = await SuggestAsync(Input.CategoryCode, ct);
        var scope = await me.ScopeAsync(ct);
        var point = Input.PointId is { } pid
            ? await commands.UpdatePointAsync(scope, id, pid, Input.ToContent(), Input.Version, ct)
            : await commands.AddPointAsync(scope, id, Input.ToContent(), ct);
        TempData["Message"] = $"已保存第 {point.Seq} 条风险点";
        return Redirect($"/Lists/Edit?id={id}#p{point.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, long pointId, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.DeletePointAsync(await me.ScopeAsync(ct), id, pointId, ct);
        TempData["Message"] = "已删除风险点";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, string? comment, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await review.SubmitAsync(await me.ScopeAsync(ct), id, comment, ct);
        TempData["Message"] = "清单已提交审核";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, string? decision, string? comment, string? stage, List<LevelInput>? levels, List<int>? attendees,
        List<RevisionInput>? revisions, List<string>? checkedItems, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        // Only the points whose 审定 differs from what they stand at now are sent: unchanged rows are no change.
        var changed = decision == "approve" ? (levels ?? []).Where(l => !string.IsNullOrEmpty(l.LevelCode)
                && Points.FirstOrDefault(p => p.Id == l.PointId) is { } p && p.EffectiveLevelCode != l.LevelCode)
            .Select(l => new Review.LevelDecision(l.PointId, l.LevelCode, l.Reason)).ToList() : [];
        var revised = decision == "approve" ? (revisions ?? []).Select(r => (r, Lines: MeasureText.Split(r.Measures)))
            .Where(x => Points.FirstOrDefault(p => p.Id == x.r.PointId) is { } p && !x.Lines.SequenceEqual(p.Measures.Select(m => m.Text)))
            .Select(x => new Review.PointRevision(x.r.PointId, x.Lines, x.r.Reason)).ToList() : [];
        await review.ReviewAsync(await me.ScopeAsync(ct), id, new Review.ReviewRequest(decision, comment, stage, changed,
            Stage?.Actor == StageActor.LeadingGroup ? new Review.MeetingRecord(attendees) : null, revised, checkedItems), ct);
        TempData["Message"] = decision == "return" ? "已退回清单" : "已审核通过并签字";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostGatherAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var n = await commands.GatherAsync(await me.ScopeAsync(ct), id, ct);
        TempData["Message"] = $"已汇总 {n} 条岗位自查风险点，请各责任人员逐条签字";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostSignRowsAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var n = await review.SignRowsAsync(await me.ScopeAsync(ct), id, ct);
        TempData["Message"] = $"已对 {n} 条风险点签字";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostInviteAsync(int id, string? userName, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await review.InviteAsync(await me.ScopeAsync(ct), id, userName, ct);
        TempData["Message"] = "已邀请帮查人员提出意见";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostCommentAsync(int id, string? comment, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await review.CommentAsync(await me.ScopeAsync(ct), id, comment, ct);
        TempData["Message"] = "意见已记录";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, DateOnly? from, DateOnly? until, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var p = await review.PublishAsync(await me.ScopeAsync(ct), id, new Review.PublishRequest(from, until), ct);
        TempData["Message"] = $"清单已公示，公示期 {p.From:yyyy-MM-dd} 至 {p.Until:yyyy-MM-dd}";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostCommitmentAsync(int id, string? commitment, int? listVersion, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await commands.SetCommitmentAsync(await me.ScopeAsync(ct), id, commitment, ct, listVersion);
        TempData["Message"] = "公开承诺已保存";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostCountersignAsync(int id, string? form, string? comment, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var r = await review.CountersignAsync(await me.ScopeAsync(ct), id, form, comment, ct);
        TempData["Message"] = $"已在表上签字（{r.StageName}），校验码 {r.VerificationCode}";
        return Redirect($"/Lists/Edit?id={id}");
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, string? comment, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await review.ReopenAsync(await me.ScopeAsync(ct), id, comment, ct);
        TempData["Message"] = "清单已重新打开，开始新的修订";
        return Redirect($"/Lists/Edit?id={id}");
    }

    /// <summary>htmx: suggestions for the chosen category.</summary>
    public async Task<IActionResult> OnGetSuggestAsync(int id, [FromQuery(Name = "Input.CategoryCode")] string? category, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Partial("_Suggestions", await SuggestAsync(category, ct));
    }

    /// <summary>
    /// The scheme's reference manifestations for the category, and what similar posts wrote: points of the same
    /// category under a post of the same name, from lists the user may read or that are published.
    /// </summary>
    private async Task<SuggestionSet> SuggestAsync(string? category, CancellationToken ct)
    {
        if (Scheme.Category(category) is not { } c) return new([], []);
        var scope = await me.ScopeAsync(ct);
        var postName = Title.Post;
        IQueryable<RiskPoint> Similar(IQueryable<RiskPoint> q) => q.Where(p => p.ListId != Id && p.CategoryCode == c.Code && p.List.SchemeCode == Scheme.Code
            && (postName == null || (p.Post != null && p.Post.Name == postName)));
        var similar = await Similar(db.RiskPoints.AsNoTracking().Visible(scope)).Select(p => p.Description)
            .Union(Similar(db.RiskPoints.AsNoTracking().Where(p => p.List.Status == ListStatus.Published)).Select(p => p.Description))
            .OrderBy(d => d).Take(8).ToListAsync(ct);
        return new(c.ReferenceManifestations, similar);
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        var list = await commands.LoadListAsync(scope, id, ct);
        Id = id;
        Scheme = await schemes.GetAsync(list.SchemeCode, ct);
        Forms = await export.MenuAsync(list, Scheme, ct);
        Title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == id), ct)).Single();
        Points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == id).OrderBy(p => p.Seq).ToListAsync(ct);
        var writer = ListAuthoring.CanWrite(scope, list, list.OrgUnit.Path, Scheme);
        CanWrite = writer && list.Status is ListStatus.Draft or ListStatus.Returned;
        CanSubmit = CanWrite && Points.Count > 0;
        // the writer of a list that is not open for writing is told why, not who writes it
        WhoWrites = !writer ? ListAuthoring.WhoWrites(list, Scheme) : list.Status switch
        {
            ListStatus.InReview => "清单审核中，审核完成或退回前不能修改",
            ListStatus.Approved or ListStatus.Published => "清单已审定；如需修改，可重新打开后修改并再次提交审核",
            _ => ListAuthoring.WhoWrites(list, Scheme),
        };
        if (CanWrite)
        {
            var chain = Core.Org.OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
            var (lo, hi) = Core.Org.OrgPath.SubtreeBounds(list.OrgUnit.Path);
            var powers = await db.Powers.AsNoTracking().Where(p => chain.Contains(p.OrgUnit.Path)
                    || string.Compare(p.OrgUnit.Path, lo) >= 0 && string.Compare(p.OrgUnit.Path, hi) < 0)
                .OrderBy(p => p.Category).ThenBy(p => p.Id).Take(300).ToListAsync(ct);
            foreach (var p in powers)
            {
                PowerSteps.Add(($"{p.Id}|", $"{p.Name}（不指定环节）"));
                PowerSteps.AddRange(p.Flow.Steps.Select(s => ($"{p.Id}|{s.Key}", $"{p.Name} · {s.Name}")));
            }
        }
        Stage = Lianfang.Core.Review.Workflow.CurrentStage(Scheme, list);
        CanDecide = Stage is not null && await reviewers.CanActAsync(scope, list, Stage, ct);
        WaitingFor = Stage is null ? null : await reviewers.MissingAsync(list, Stage, ct);
        if (CanDecide && Stage!.Actor == StageActor.LeadingGroup)
        {
            var group = await reviewers.GroupAsync(list, ct);
            var ids = group.Where(m => m.Duty != Core.Review.GroupDuty.Office).Select(m => m.PersonId).ToList();
            var names = await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            GroupMembers = group.Where(m => m.Duty != Core.Review.GroupDuty.Office)
                .Select(m => (m.PersonId, $"{names.GetValueOrDefault(m.PersonId)}（{Core.Review.LeadingGroupMember.Label(m.Duty)}）")).ToList();
        }
        CanReopen = list.Status is ListStatus.Approved or ListStatus.Published && Review.ReviewCommands.MayReopen(scope, list);
        Countersigns = await review.CountersignLinesAsync(scope, list, Scheme, ct);
        Revision = list.Revision;
        History = await db.Reviews.AsNoTracking().Include(r => r.Changes).Where(r => r.ListId == id).OrderBy(r => r.Id).ToListAsync(ct);
        ContentHash = Lianfang.Core.Review.ListContent.Hash(list, Points);
        Verdicts = Verify.Signatures.Check(History, ContentHash);
        Latest = History.LastOrDefault(r => r.IsSignature) is { } last ? Verdicts[last.Id] : null;
        RowsSigned = Core.Review.RowSignature.Required(Scheme, list);
        if (RowsSigned)
        {
            RowSignatures = await db.RowSignatures.AsNoTracking().Where(r => r.ListId == id && r.Revision == list.Revision).ToListAsync(ct);
            MissingRows = await review.MissingRowSignaturesAsync(list, Points, ct);
            var myName = scope.PersonId is { } pid ? await db.People.Where(p => p.Id == pid).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
            MyPendingRows = myName is null ? 0 : Points.Count(p => (p.Responsible.Persons ?? []).Contains(myName)
                && !RowSignatures.Any(r => r.PersonId == scope.PersonId && r.Covers(p)));
        }
        IsPersonal = list.IsPersonal;
        Commitment = list.Commitment;
        ListVersion = list.Version;
        CanPublish = list.Status is ListStatus.Approved or ListStatus.Published && Review.ReviewCommands.MayPublish(scope, list);
        Publication = await db.Publications.AsNoTracking().Where(p => p.ListId == id && p.Revision == list.Revision)
            .OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        if (Publication is not null)
        {
            var chain = Core.Org.OrgPath.AncestorsOrSelf(list.OrgUnit.Path);
            PublicUnitId = await db.OrgUnits.Where(u => chain.Contains(u.Path) && u.Kind == Core.Org.OrgUnitKind.Unit)
                .OrderByDescending(u => u.Path).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct) ?? list.OrgUnitId;
        }
        CanInvite = CanDecide && Stage!.HelpersMayComment;
        if (CanInvite) Helpers = await review.HelpersAsync(list, ct);
        CanComment = Stage is { HelpersMayComment: true } && !CanDecide && (await db.ReviewInvitations.AnyAsync(i => i.ListId == id
            && i.UserId == scope.UserId && i.Revision == list.Revision && i.StageCode == list.Stage, ct)
            || Stage.AgencyJoins && scope.HasRoleOver(list.OrgUnit.Path, Core.Access.Role.Agency));
    }
}
