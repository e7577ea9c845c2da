using Lianfang.Core.Access;
using Lianfang.Core.Org;
using Lianfang.Core.Register;
using Lianfang.Core.Reports;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Lists;
using Lianfang.Web.Features.Org;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;

namespace Lianfang.Web.Features.Forms;

public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// ExportForms: a list in one of its scheme's official forms (or the full 明细表), and the 汇总表 of an org subtree in
/// a campaign, as .docx, .xlsx or (through LibreOffice) .pdf. Only what the caller may read goes in.
/// </summary>
public sealed class ExportForms(AppDbContext db, RegisterCommands register, SchemeStore schemes, PdfConverter pdf)
{
    public static readonly string[] Formats = ["docx", "xlsx", "pdf"];

    public async Task<ExportFile> ListAsync(AccessScope scope, int listId, string? formCode, string? format, CancellationToken ct)
    {
        var fmt = Format(format);
        var list = await register.LoadListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        var form = string.IsNullOrEmpty(formCode) ? FormCatalog.DefaultFor(scheme, list.Scope)
            : FormCatalog.ListForm(scheme, formCode) ?? throw new DomainException("form",
                $"方案“{scheme.Name}”没有表格“{formCode}”，可选：{string.Join("、", FormCatalog.ListForms(scheme).Select(f => $"{f.Code}（{f.Title}）"))}");
        var doc = FormBuilder.List(form, await LoadAsync(list, scheme, ct));
        return await RenderAsync(doc, fmt, ct);
    }

    public async Task<ListFormData> LoadAsync(RiskList list, Scheme scheme, CancellationToken ct)
    {
        var title = (await ListTitles.QueryAsync(db, db.RiskLists.Where(l => l.Id == list.Id), ct)).Single();
        var parent = list.OrgUnit.ParentId is { } pid ? await db.OrgUnits.Where(u => u.Id == pid).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var post = list.PostId is { } postId ? await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct) : null;
        var holder = list.HolderPersonId is { } hid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == hid, ct) : null;
        var points = await db.RiskPoints.AsNoTracking().Where(p => p.ListId == list.Id).OrderBy(p => p.Seq).ToListAsync(ct);
        var history = await db.Reviews.AsNoTracking().Where(r => r.ListId == list.Id).OrderBy(r => r.Id).ToListAsync(ct);
        return new ListFormData(list, scheme, title.Title, list.OrgUnit.Name, parent, list.OrgUnit.Kind == OrgUnitKind.Department,
            post?.Name, post?.Duties, post?.IntegrityDuties, holder?.Name, holder?.Title, holder?.AppointedOn, points, history, Clock.Today);
    }

    public async Task<ExportFile> SummaryAsync(AccessScope scope, int? orgUnitId, int? campaignId, string? format, CancellationToken ct)
    {
        var fmt = Format(format);
        var (unit, scheme, table) = await SummaryTableAsync(scope, orgUnitId, campaignId, ct);
        return await RenderAsync(FormBuilder.Summary(FormCatalog.Summary(scheme), scheme, table, unit.Name, Clock.Today), fmt, ct);
    }

    /// <summary>
    /// The 汇总表 figures of a unit's subtree in a campaign: a row per child unit (and one for the unit itself when it
    /// has lists of its own), counting only lists and points the caller may read. Participants are the people whose
    /// own lists are in the row and everyone who signed one of its lists.
    /// </summary>
    public async Task<(OrgUnit Unit, Scheme Scheme, SummaryTable Table)> SummaryTableAsync(AccessScope scope, int? orgUnitId, int? campaignId, CancellationToken ct)
    {
        var campaign = await register.LoadCampaignAsync(scope, campaignId ?? throw new DomainException("campaignId", "请指定排查（campaignId）"), ct);
        var unit = await OrgUnitCommands.LoadVisibleAsync(db, scope, orgUnitId ?? campaign.RootOrgUnitId, ct, "orgUnitId");
        var scheme = await schemes.GetAsync(campaign.SchemeCode, ct);
        var children = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Path).Select(u => new { u.Name, u.Path }).ToListAsync(ct);
        var points = await db.RiskPoints.AsNoTracking().Visible(scope).Under([unit.Path], p => p.OrgUnit.Path)
            .Where(p => p.CampaignId == campaign.Id)
            .Select(p => new { p.OrgUnit.Path, p.CategoryCode, p.LevelCode, p.ApprovedLevelCode, p.Measures, p.Supervision }).ToListAsync(ct);
        var lists = await db.RiskLists.AsNoTracking().Visible(scope).Under([unit.Path], l => l.OrgUnit.Path)
            .Where(l => l.CampaignId == campaign.Id)
            .Select(l => new { l.Id, l.OrgUnit.Path, l.HolderPersonId }).ToListAsync(ct);
        var listIds = lists.Select(l => l.Id).ToList();
        var signers = await db.Reviews.AsNoTracking().Where(r => listIds.Contains(r.ListId) && r.VerificationCode != null)
            .Select(r => new { r.ListId, r.UserId }).Distinct().ToListAsync(ct);
        var userIds = signers.Select(s => s.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.PersonId }).ToDictionaryAsync(u => u.Id, u => u.PersonId, ct);
        var listPath = lists.ToDictionary(l => l.Id, l => l.Path);

        var childLength = unit.Path.Length + OrgPath.SegmentLength;
        string RowOf(string path) => path.Length >= childLength ? path[..childLength] : unit.Path;
        var participants = lists.Where(l => l.HolderPersonId is not null).Select(l => (Row: RowOf(l.Path), Key: $"p{l.HolderPersonId}"))
            .Concat(signers.Select(s => (Row: RowOf(listPath[s.ListId]), Key: people.GetValueOrDefault(s.UserId) is { } person ? $"p{person}" : $"u{s.UserId}")))
            .ToLookup(x => x.Row, x => x.Key);
        var byRow = points.ToLookup(p => RowOf(p.Path), p => new SummaryPoint(p.CategoryCode, p.ApprovedLevelCode ?? p.LevelCode,
            p.Measures.Select(m => m.Text).ToList(), p.Supervision.Methods?.Count ?? 0));

        var inputs = new List<SummaryInput>();
        if (byRow[unit.Path].Any() || lists.Any(l => l.Path == unit.Path))
            inputs.Add(new SummaryInput($"{unit.Name}（本级）", participants[unit.Path].ToList(), byRow[unit.Path].ToList()));
        inputs.AddRange(children.Select(c => new SummaryInput(c.Name, participants[c.Path].ToList(), byRow[c.Path].ToList())));
        return (unit, scheme, Summary.Compute(scheme, inputs));
    }

    public async Task<ExportFile> RenderAsync(FormDocument doc, string format, CancellationToken ct)
    {
        var name = FileName(doc.FileStem);
        return format switch
        {
            "xlsx" => new ExportFile(XlsxWriter.Write(doc), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            "pdf" => new ExportFile(await pdf.ToPdfAsync(DocxWriter.Write(doc), ct), "application/pdf", name + ".pdf"),
            _ => new ExportFile(DocxWriter.Write(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx"),
        };
    }

    public static string Format(string? format)
    {
        var f = (format ?? "docx").Trim().ToLowerInvariant();
        return Formats.Contains(f) ? f : throw new DomainException("format", $"format 应为 docx、xlsx 或 pdf，收到“{format}”");
    }

    private static string FileName(string stem)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(stem.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Replace(" · ", "·").Trim();
        return clean.Length > 120 ? clean[..120] : clean;
    }
}
