using Lianfang.Core.Access;
using Lianfang.Core.Forms;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Reports;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Forms.Templates;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Review;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Forms;

/// <summary>A form a list can be downloaded in, with the formats it comes in (a unit's Word form: Word or PDF) and, for a unit's form, its version.</summary>
public sealed record ListFormChoice(string Code, string Title, IReadOnlyList<string> Formats, int? Version = null);

/// <summary>
/// ExportForms: a list in one of its scheme's official forms (or the full 明细表), and the 汇总表 of an org subtree in
/// a campaign, as .docx, .xlsx or (through LibreOffice) .pdf. Only what the caller may read goes in.
/// </summary>
public sealed class ExportForms(AppDbContext db, RegisterCommands register, SchemeStore schemes, PdfConverter pdf, OfficeRenderer renderer, TimeProvider time)
{

    public async Task<ExportFile> ListAsync(AccessScope scope, int listId, string? formCode, string? format, CancellationToken ct)
    {
        var fmt = OfficeRenderer.Format(format);
        var list = await register.LoadListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var form = string.IsNullOrEmpty(formCode) ? FormCatalog.DefaultFor(scheme, list.Scope) : FormCatalog.ListForm(scheme, formCode);
        if (form is null)
        {
            // a unit's own form: its latest version, recorded in the trail with the export
            var template = await TemplateForListAsync(list, formCode!, ct) ?? throw new DomainException("form",
                $"方案“{scheme.Name}”没有表格“{formCode}”，可选：{string.Join("、", (await FormsForListAsync(list, scheme, ct)).Select(f => $"{f.Code}（{f.Title}）"))}");
            var file = await TemplateAsync(list, scheme, template, format, ct);
            await db.AppendEventAsync("Export", nameof(FormTemplate), template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                list.OrgUnit.Path,
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?[]>
                {
                    ["ListId"] = [null, list.Id], ["Form"] = [null, template.Code], ["Version"] = [null, template.Version],
                    ["Format"] = [null, Path.GetExtension(file.FileName).TrimStart('.')],
                }, Data.AuditCapture.JsonOptions), ct);
            return file;
        }
        var doc = FormBuilder.List(form, await LoadAsync(list, scheme, ct));
        return await renderer.RenderAsync(doc, fmt, ct);
    }

    /// <summary>The forms offered for a list in its editor and on the export page: the scheme's for its kind of list, then the units' own.</summary>
    public async Task<List<ListFormChoice>> MenuAsync(RiskList list, Scheme scheme, CancellationToken ct) =>
    [
        .. FormCatalog.For(scheme, list.Scope, list.HolderPersonId is not null).Select(f => new ListFormChoice(f.Code, f.Title, OfficeRenderer.Formats)),
        .. (await FormsForListAsync(list, scheme, ct)).Where(f => f.Template is not null)
            .Select(f => new ListFormChoice(f.Code, f.Title, [f.Template!.Format, "pdf"], f.Template.Version)),
    ];

    /// <summary>The forms a list exports in: the scheme's and this product's, then the units' own forms that serve it.</summary>
    public async Task<List<(string Code, string Title, string? For, bool Landscape, IReadOnlyList<string> Columns, FormTemplate? Template)>> FormsForListAsync(
        RiskList list, Scheme scheme, CancellationToken ct)
    {
        var forms = FormCatalog.ListForms(scheme).Select(f => (f.Code, f.Title, f.For?.ToString(), f.Landscape, f.Columns, (FormTemplate?)null)).ToList();
        var personal = list.HolderPersonId is not null;
        foreach (var t in await schemes.TemplatesServingAsync(list.SchemeCode, list.OrgUnit.Path, withContent: false, ct))
            if (t.For is null || t.For == list.Scope || personal && t.For is ListScope.Person or ListScope.Post)
                forms.Add((t.Code, t.Title, t.For?.ToString(), false, [], t));
        return forms;
    }

    /// <summary>The unit form <paramref name="code"/> serving the list, its file included; null if none.</summary>
    private async Task<FormTemplate?> TemplateForListAsync(RiskList list, string code, CancellationToken ct) =>
        (await schemes.TemplatesServingAsync(list.SchemeCode, list.OrgUnit.Path, withContent: false, ct)).FirstOrDefault(t => t.Code == code) is { } t
            ? await db.FormTemplates.AsNoTracking().SingleAsync(x => x.Id == t.Id, ct) : null;

    /// <summary>A list in a unit's own form: its template filled, in the template's format or as PDF.</summary>
    public async Task<ExportFile> TemplateAsync(RiskList list, Scheme scheme, FormTemplate template, string? format, CancellationToken ct)
    {
        var fmt = format is null ? template.Format : OfficeRenderer.Format(format);
        if (fmt != "pdf" && fmt != template.Format)
            throw new DomainException("format", $"表格“{template.Title}”是 {(template.Format == "docx" ? "Word" : "Excel")} 模板，可导出 {template.Format} 或 pdf");
        using var s = new MemoryStream(template.Content, writable: false);
        var scan = FormTemplates.Scan(template.Format == "docx" ? OfficeKind.Docx : OfficeKind.Xlsx, s);
        var baseForm = FormCatalog.ListForm(scheme, template.BaseForm) ?? FormCatalog.DefaultFor(scheme, list.Scope);
        var data = await LoadAsync(list, scheme, ct);
        var values = TemplateValues.Of(baseForm, data, scan, template.Format == "docx" ? DocxWriter.BlankBlock : XlsxWriter.BlankBlock);
        var keywords = $"lianfang-template:{template.Code}:v{template.Version}";
        s.Position = 0;
        var content = template.Format == "docx" ? DocxTemplate.Fill(s, values, keywords) : XlsxTemplate.Fill(s, values, keywords);
        var name = OfficeRenderer.FileName($"{data.ListTitle} {template.Title}");
        return fmt == "pdf"
            ? new ExportFile(await pdf.ToPdfAsync(content, ct, template.Format), "application/pdf", name + ".pdf")
            : new ExportFile(content, FormTemplates.ContentType(fmt), $"{name}.{fmt}");
    }

    public async Task<ListFormData> LoadAsync(RiskList list, Scheme scheme, CancellationToken ct)
    {
        var title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == list.Id), ct)).Single();
        var parent = list.OrgUnit.ParentId is { } pid ? await db.OrgUnits.Where(u => u.Id == pid).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var post = list.PostId is { } postId ? await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct) : null;
        var holder = list.HolderPersonId is { } hid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == hid, ct) : null;
        var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).OrderBy(p => p.Seq).ToListAsync(ct);
        var history = await db.Reviews.AsNoTracking().Where(r => r.ListId == list.Id).OrderBy(r => r.Id).ToListAsync(ct);
        Dictionary<long, IReadOnlyList<string>>? rowSigners = null;
        if (Core.Review.RowSignature.Required(scheme, list))
        {
            // 逐条逐栏签字: each row prints who signed it as it stands
            var signatures = await db.RowSignatures.AsNoTracking()
                .Where(r => r.ListId == list.Id && r.Revision == list.Revision)
                .OrderBy(r => r.Id)
                .ToListAsync(ct);
            rowSigners = points.ToDictionary(p => p.Id, p => (IReadOnlyList<string>)signatures.Where(r => r.Covers(p))
                .Select(r => $"{r.Signer}（{Clock.Local(r.At):yyyy-MM-dd}{(r.VerificationCode is { } code ? $" 验证码：{code}" : "")}）").Distinct().ToList());
        }
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == list.CampaignId).Select(c => new { c.Name, c.Year }).FirstOrDefaultAsync(ct);
        var head = list.OrgUnit.HeadPersonId is { } headId
            ? await db.People.AsNoTracking().Where(p => p.Id == headId).Select(p => new UnitHead(p.Name, p.Title, p.AppointedOn)).FirstOrDefaultAsync(ct)
            : null;
        return new ListFormData(list, scheme, title.Title, list.OrgUnit.Name, parent, list.OrgUnit.Kind == OrgUnitKind.Department,
            post?.Name, post?.Duties, post?.IntegrityDuties, holder?.Name, holder?.Title, holder?.AppointedOn, points, history, time.Today(), rowSigners,
            await ChainNamesAsync(list.OrgUnit.Path, ct), list.OrgUnit.Duties, list.OrgUnit.IntegrityDuties, head, campaign?.Name, campaign?.Year);
    }

    /// <summary>The names of a unit and those above it (a form names its place only for units of that place).</summary>
    private async Task<List<string>> ChainNamesAsync(string path, CancellationToken ct)
    {
        var chain = OrgPath.AncestorsOrSelf(path);
        return await db.OrgUnits.AsNoTracking().Where(u => chain.Contains(u.Path)).Select(u => u.Name).ToListAsync(ct);
    }

    /// <summary>Lists a 上报材料包 holds at most; a province packs unit by unit.</summary>
    public const int PackageLimit = 500;

    /// <summary>
    /// 上报材料包: every approved (or published) list of a unit's subtree in a campaign in its scheme's official form, the
    /// unit's 汇总表 and a 目录 naming each file with its status and last signature's verification code, as one zip for filing.
    /// </summary>
    public async Task<ExportFile> PackageAsync(AccessScope scope, int campaignId, int? orgUnitId, CancellationToken ct)
    {
        var campaign = await register.LoadCampaignAsync(scope, campaignId, ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, orgUnitId ?? campaign.RootOrgUnitId, ct, "orgUnitId");
        var scheme = await schemes.GetAsync(campaign.SchemeCode, ct);
        var ids = await db.RiskLists.AsNoTracking().Visible(scope).Under([unit.Path], l => l.OrgUnit.Path)
            .Where(l => l.CampaignId == campaign.Id && (l.Status == ListStatus.Approved || l.Status == ListStatus.Published))
            .OrderBy(l => l.OrgUnit.Path).ThenBy(l => l.Scope).ThenBy(l => l.Id).Select(l => l.Id).Take(PackageLimit + 1).ToListAsync(ct);
        if (ids.Count == 0) throw DomainException.Conflict("campaignId", $"{unit.Name}在“{campaign.Name}”中还没有审定的清单，无可上报的材料");
        if (ids.Count > PackageLimit) throw new DomainException("orgUnitId", $"审定清单超过 {PackageLimit} 份，请按下属单位分别打包");
        using var zip = new MemoryStream();
        var index = new System.Text.StringBuilder($"{unit.Name} · {campaign.Name} 上报材料目录（{time.Today():yyyy-MM-dd}）\n\n");
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var n = 0;
            var names = new HashSet<string>();
            async Task AddAsync(string name, byte[] content)
            {
                var unique = names.Add(name) ? name : $"{Path.GetFileNameWithoutExtension(name)}-{names.Count}{Path.GetExtension(name)}";
                names.Add(unique);
                await using var entry = archive.CreateEntry(unique, System.IO.Compression.CompressionLevel.Optimal).Open();
                await entry.WriteAsync(content, ct);
            }
            foreach (var id in ids)
            {
                var list = await register.LoadListAsync(scope, id, ct);
                var data = await LoadAsync(list, scheme, ct);
                var form = FormCatalog.DefaultFor(scheme, list.Scope);
                var file = await renderer.RenderAsync(FormBuilder.List(form, data), "docx", ct);
                var name = $"{++n:000}-{Safe(data.ListTitle)}.docx";
                await AddAsync(name, file.Content);
                var code = data.History.LastOrDefault(h => h.VerificationCode is not null)?.VerificationCode;
                index.Append($"{name}\t{form.Title}\t{list.Status.Label()}\t验证码 {code ?? "—"}\n");
            }
            var summary = await SummaryAsync(scope, unit.Id, campaign.Id, "docx", ct);
            await AddAsync($"{++n:000}-汇总表.docx", summary.Content);
            index.Append($"{n:000}-汇总表.docx\t{FormCatalog.Summary(scheme).Title}\n\n签字可凭验证码在本系统“签字验证”页面核验。\n");
            await AddAsync("目录.txt", System.Text.Encoding.UTF8.GetBytes(index.ToString()));
        }
        return new ExportFile(zip.ToArray(), "application/zip", $"{Safe(unit.Name)}-{Safe(campaign.Name)}-上报材料.zip");
    }

    /// <summary>A title as a file name (no path separators or characters Windows refuses).</summary>
    private static string Safe(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || "\\/:*?\"<>|".Contains(c) ? '_' : c)).Trim();

    public async Task<ExportFile> SummaryAsync(AccessScope scope, int? orgUnitId, int? campaignId, string? format, CancellationToken ct)
    {
        var fmt = OfficeRenderer.Format(format);
        var (unit, scheme, table) = await SummaryTableAsync(scope, orgUnitId, campaignId, ct);
        return await renderer.RenderAsync(
            FormBuilder.Summary(FormCatalog.Summary(scheme), scheme, table, unit.Name, time.Today(), await ChainNamesAsync(unit.Path, ct)), fmt, ct);
    }

    /// <summary>
    /// The 汇总表 figures of a unit's subtree in a campaign: a row per child unit (and one for the unit itself when it
    /// has lists of its own), counting only lists and points the caller may read, and only what has been approved (a draft
    /// or a list in review is progress, not the unit's risks — 进度 shows those). Participants are the people whose own
    /// approved lists are in the row and everyone who signed one of its approved lists; 制度 are the records of the campaign.
    /// </summary>
    public async Task<(OrgUnit Unit, Scheme Scheme, SummaryTable Table)> SummaryTableAsync(
        AccessScope scope, int? orgUnitId, int? campaignId, CancellationToken ct)
    {
        var campaign = await register.LoadCampaignAsync(scope, campaignId ?? throw new DomainException("campaignId", "请指定排查（campaignId）"), ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, orgUnitId ?? campaign.RootOrgUnitId, ct, "orgUnitId");
        var scheme = await schemes.GetAsync(campaign.SchemeCode, ct);
        var children = await db.OrgUnits.AsNoTracking()
            .Where(u => u.ParentId == unit.Id)
            .OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Path })
            .ToListAsync(ct);

        // A row per child unit: the row of a point or list is its path cut to the child's length (a unit's own path is
        // shorter and stays whole).
        var childLength = unit.Path.Length + OrgPath.SegmentLength;
        // The rollup counts every approved point of a subtree, so it answers for a caller who reads the whole subtree (a
        // grant at the unit or above it, an agency over it). Anyone else — a staff member reads only their own lists — is
        // counted from the points they may read.
        var wholeSubtree = scope.ReadablePrefixes.Any(p => OrgPath.IsAncestorOrSelf(p, unit.Path));
        var cells = wholeSubtree
            ? await RollupCellsAsync(campaign.Id, unit, children.Select(c => (c.Id, c.Path)), ct)
            : (await db.RiskPoints.AsNoTracking().Visible(scope).Under([unit.Path], p => p.OrgUnit.Path)
                .Where(p => p.CampaignId == campaign.Id && (p.List.Status == ListStatus.Approved || p.List.Status == ListStatus.Published))
                .GroupBy(p => new { Row = p.OrgUnit.Path.Substring(0, childLength), p.CategoryCode, Level = p.ApprovedLevelCode ?? p.LevelCode })
                .Select(g => new
                {
                    g.Key.Row, g.Key.CategoryCode, g.Key.Level, Points = g.Count(), Measures = g.Sum(p => p.MeasureCount),
                    Methods = g.Sum(p => p.SupervisionMethodCount),
                }).ToListAsync(ct))
            .ToLookup(c => c.Row, c => new SummaryCell(c.CategoryCode, c.Level, c.Points, c.Measures, c.Methods));

        // 新建立制度 / 修订制度: the 制度 recorded in the campaign (InternalRule), per row.
        var reach = db.OrgUnits.InBusinessReach(scope).Select(u => u.Id);
        var rules = (await db.InternalRules.AsNoTracking().Where(r => r.CampaignId == campaign.Id && reach.Contains(r.OrgUnitId))
                .Under([unit.Path], r => r.OrgUnit.Path)
                .GroupBy(r => new { Row = r.OrgUnit.Path.Substring(0, childLength), r.Change }).Select(g => new { g.Key.Row, g.Key.Change, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(x => (x.Row, x.Change), x => x.Count);
        int Rules(string row, RuleChange change) => rules.GetValueOrDefault((row, change));

        // Participants: the people whose own lists are in the row and everyone who signed one of its lists.
        var lists = db.RiskLists.AsNoTracking().Visible(scope).Under([unit.Path], l => l.OrgUnit.Path)
            .Where(l => l.CampaignId == campaign.Id && (l.Status == ListStatus.Approved || l.Status == ListStatus.Published));
        // a person counts by their id, an account without a person by its negated id: numbers, not strings, to compare
        var holders = lists.Where(l => l.HolderPersonId != null)
            .Select(l => new { Row = l.OrgUnit.Path.Substring(0, childLength), Key = (long)l.HolderPersonId!.Value });
        // the signers as distinct (unit, account) pairs: a province's 650,000 signatures are 42,000 such pairs, kept as
        // rollup rows for a caller who reads the whole subtree (as the cells are), else read from the signatures
        var signed = wholeSubtree
            ? db.SignerRollups.Where(s => s.CampaignId == campaign.Id).Select(s => new SignerPair { OrgUnitId = s.OrgUnitId, UserId = s.UserId })
            : Signers.Of(db, lists);
        var signers =
            from x in signed
            join o in db.OrgUnits.Under([unit.Path], o => o.Path) on x.OrgUnitId equals o.Id
            join u in db.Users on x.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new { Row = o.Path.Substring(0, childLength), Key = u != null && u.PersonId != null ? (long)u.PersonId.Value : -(long)x.UserId };
        // One read of the (row, person) pairs serves both counts: grouping them twice in the database read every list and
        // signature twice. Made distinct here as they arrive, not by a UNION: its sort of 170,000 pairs spilt to disk at `province`.
        var people = new HashSet<(string Row, long Key)>();
        await foreach (var x in holders.Concat(signers).AsAsyncEnumerable().WithCancellation(ct)) people.Add((x.Row, x.Key));
        var participants = people.CountBy(x => x.Row).ToDictionary();
        var total = people.Select(x => x.Key).Distinct().Count();

        var inputs = new List<SummaryInput>();
        if (cells[unit.Path].Any() || participants.ContainsKey(unit.Path) || rules.Keys.Any(k => k.Row == unit.Path)
            || await lists.AnyAsync(l => l.OrgUnitId == unit.Id, ct))
            inputs.Add(new SummaryInput($"{unit.Name}（本级）", participants.GetValueOrDefault(unit.Path), cells[unit.Path].ToList(),
                NewRules: Rules(unit.Path, RuleChange.New), RevisedRules: Rules(unit.Path, RuleChange.Revised)));
        inputs.AddRange(children.Select(c => new SummaryInput(c.Name, participants.GetValueOrDefault(c.Path), cells[c.Path].ToList(), OrgUnitId: c.Id,
            NewRules: Rules(c.Path, RuleChange.New), RevisedRules: Rules(c.Path, RuleChange.Revised))));
        var table = Summary.Compute(scheme, inputs, total);
        return (unit, scheme, table with { Total = table.Total with { OrgUnitId = unit.Id } });
    }

    /// <summary>The 汇总表 cells from the rollup: each child's subtree figures, and the unit's own for its 本级 row.</summary>
    private async Task<ILookup<string, SummaryCell>> RollupCellsAsync(
        int campaignId, OrgUnit unit, IEnumerable<(int Id, string Path)> children, CancellationToken ct)
    {
        var rows = children.ToDictionary(c => c.Id, c => c.Path);
        var ids = rows.Keys.Append(unit.Id).ToList();
        var kept = await db.SummaryRollups.AsNoTracking().Where(r => r.CampaignId == campaignId && ids.Contains(r.OrgUnitId)).ToListAsync(ct);
        return kept.Select(r => (Row: r.OrgUnitId == unit.Id ? unit.Path : rows[r.OrgUnitId], Cell: r, Tally: r.OrgUnitId == unit.Id ? r.Own : r.Subtree))
            .Where(x => x.Tally.Points > 0)
            .ToLookup(x => x.Row, x => new SummaryCell(x.Cell.CategoryCode, x.Cell.LevelCode, x.Tally.Points, x.Tally.Measures, x.Tally.SupervisionMethods));
    }
}
