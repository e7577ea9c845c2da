using Lianfang.Core.Access;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.IntegrityFiles;

/// <summary>One person's 廉政档案 as a Word (or Excel/PDF) document; producing it is a read, and audited as one.</summary>
public sealed class IntegrityFileExport(IntegrityFileService files, OfficeRenderer renderer)
{
    public async Task<ExportFile> ExportAsync(AccessScope scope, int personId, string? format, CancellationToken ct)
    {
        var f = OfficeRenderer.Format(format);
        var file = await files.ReadAsync(scope, personId, ct);
        var rows = new List<Office.FormRow>();
        void Section(string title, IEnumerable<(string What, string Detail, string When)> items)
        {
            rows.Add(new Office.FormRow([title, "", ""], Office.RowKind.Section));
            var list = items.ToList();
            rows.AddRange(list.Count == 0 ? [new Office.FormRow(["无", "", ""])] : list.Select(i => new Office.FormRow([i.What, i.Detail, i.When])));
        }
        Section("一、任职情况", file.Posts.Select(a => (a.Post, a.Unit, $"{a.From:yyyy-MM-dd} 至 {(a.To is { } to ? to.ToString("yyyy-MM-dd") : "今")}")));
        Section("二、廉政风险点", file.RiskPoints.Select(p => (p.Level, p.Description, $"{p.Year} {p.Campaign}")));
        Section("三、组织处理和党纪政纪处分（四种形态）", file.Dispositions.Select(d => ($"{d.FormName} · {d.Measure}", d.Reason, d.DecidedOn.ToString("yyyy-MM-dd"))));
        Section("四、廉政风险防范年终考核（与年终考评挂钩）", file.Evaluations.Select(e => ($"{e.Post}：{e.Grade}", $"{e.Score}/{e.MaxScore} 分，{e.AssessedBy}评定", $"{e.Year}年")));
        Section("五、个人有关事项、收入、配偶子女从业等记载", file.Entries.Select(e => (e.TypeName, e.Content, Clock.Local(e.RecordedAt).ToString("yyyy-MM-dd"))));
        var columns = new[] { new Office.FormColumn(null, "项目", 2.2), new Office.FormColumn(null, "内容", 5), new Office.FormColumn(null, "时间", 2) };
        var doc = new Office.FormDocument("廉政档案", false, [("姓名", file.Name), ("单位", file.Unit), ("职务", file.Title ?? "")], [],
            new Office.FormTable(columns, rows), [], [], ["本档案含个人敏感信息，仅供本人、派驻纪检监察机构和纪委监委查阅，不得外传。"], $"{file.Name}·廉政档案");
        return await renderer.RenderAsync(doc, f, ct);
    }
}
