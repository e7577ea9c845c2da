using Lianfang.Core.Access;
using Lianfang.Core.Forms;
using Lianfang.Core.Register;
using Lianfang.Core.Schemes;
using Lianfang.Web.Features.Register;
using Lianfang.Web.Features.Schemes;
using Lianfang.Web.Office;

namespace Lianfang.Web.Features.Forms;

public sealed record ImportedPoint(ParsedPoint Parsed, RiskPoint Point);
/// <param name="Notices">what was read but deliberately not taken, e.g. a filled 审定 column</param>
public sealed record ImportOutcome(RiskList List, Scheme Scheme, IReadOnlyList<ImportedPoint> Points, bool Saved, IReadOnlyList<string> Notices);

/// <summary>
/// ImportRiskList: a .docx or .xlsx list into a list, all or nothing. Who may write the list and whether it is
/// editable are checked before the file is read; the file is checked, read, parsed; every point then goes through
/// the same rules as one written by hand (RegisterCommands). Any problem in any row → 422 listing every problem with
/// its row and column, nothing saved. A dry run returns the points without saving.
/// </summary>
public sealed class ImportRiskList(RegisterCommands register, SchemeStore schemes)
{
    public async Task<ImportOutcome> RunAsync(AccessScope scope, int listId, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        var list = await register.WritableListAsync(scope, listId, ct);
        var scheme = await schemes.GetAsync(list.SchemeCode, ct);
        if (file is null || file.Length == 0) throw new BadFileException("请选择要导入的 Word（.docx）或 Excel（.xlsx）文件");
        await using var stream = file.OpenReadStream();
        var parse = Parse(file.FileName, stream, scheme);

        if (!parse.TableFound)
            throw Failed([new FieldError("file", NoTable)], NoTable);
        // 审定 is the reviewing body's signed act: a copy of a reviewed form brings its 审定 column, which is read but never taken.
        var withApproved = parse.Points.Where(p => p.Content.ApprovedLevelCode is not null).ToList();
        var notices = withApproved.Count == 0 ? [] : new[]
        {
            $"{string.Join("、", withApproved.Select(p => $"{p.Sheet}第 {p.Row} 行"))}的“{withApproved[0].ColumnOf(FormField.ApprovedLevel)}”未导入：" +
                "审定等级由方案指定的审定环节在审核时确定，填写人不能填写。",
        };
        var batch = await register.AddPointsAsync(scope, listId, parse.Points.Select(p => p.Content with { ApprovedLevelCode = null }).ToList(),
            save: !dryRun && parse.Issues.Count == 0, ct);
        var errors = parse.Issues.Select(i => (i.Sheet, i.Row, Error: new FieldError(i.Column, i.Message, i.Row, i.Sheet, i.Column)))
            .Concat(batch.Errors.Select(e => Locate(parse.Points[e.Index], e.Error)))
            .OrderBy(e => SheetOrder(parse, e.Sheet)).ThenBy(e => e.Row).Select(e => e.Error).ToList();
        if (errors.Count > 0)
            throw Failed(errors, $"文件中有 {errors.Count} 处错误，未导入任何数据。请修改后重新上传。");
        if (parse.Points.Count == 0)
            throw Failed([new FieldError("file", "文件的表格中没有风险点（只有表头、空行或占位行）")], "文件的表格中没有风险点（只有表头、空行或占位行），未导入任何数据。");
        return new ImportOutcome(batch.List, batch.Scheme, parse.Points.Zip(batch.Points, (p, x) => new ImportedPoint(p, x)).ToList(), batch.Saved, notices);
    }

    public const string NoTable = "文件中找不到风险点表格：表头须有“廉洁风险点描述”（或“具体风险点”“潜在风险点”“具体内容及表现形式”等）一列，" +
                                  "以及“风险等级”“防控措施”“风险类别”“相关责任人”等列中的至少一列";

    /// <summary>
    /// Checks the file, reads its tables and parses them against the scheme, with the record a form exported here carries.
    /// Throws <see cref="BadFileException"/> for unusable files.
    /// </summary>
    public static FormParse Parse(string? fileName, Stream stream, Scheme scheme)
    {
        var form = OfficeFile.ReadForm(fileName, stream);
        return FormParser.Parse(form.Grids, scheme, form.Record);
    }

    private static ValidationFailedException Failed(IReadOnlyList<FieldError> errors, string detail) =>
        new(errors, detail, StatusCodes.Status422UnprocessableEntity);

    private static int SheetOrder(FormParse parse, string sheet)
    {
        var i = parse.Points.Select(p => p.Sheet).Concat(parse.Issues.Select(x => x.Sheet)).Distinct().ToList().IndexOf(sheet);
        return i < 0 ? int.MaxValue : i;
    }

    /// <summary>A rule broken by a parsed point, named by its row and the file's column for the field at fault.</summary>
    private static (string Sheet, int Row, FieldError Error) Locate(ParsedPoint p, DomainException e)
    {
        var field = e.Field switch
        {
            "categoryCode" => FormField.Category,
            "levelCode" => FormField.Level,
            "manifestation" when p.Columns.ContainsKey(FormField.Manifestation) => FormField.Manifestation,
            var f when f.StartsWith("measures") => FormField.Measures,
            "supervision.basis" when p.Columns.ContainsKey(FormField.SupervisionBasis) => FormField.SupervisionBasis,
            "supervision.focus" when p.Columns.ContainsKey(FormField.SupervisionFocus) => FormField.SupervisionFocus,
            var f when f.StartsWith("supervision") => FormField.Supervision,
            "responsible.leader" when p.Columns.ContainsKey(FormField.Leader) => FormField.Leader,
            "responsible.department" when p.Columns.ContainsKey(FormField.Department) => FormField.Department,
            var f when f.StartsWith("responsible") => FormField.Responsible,
            "sources" => FormField.Sources,
            _ => FormField.Description,
        };
        var column = p.ColumnOf(field);
        return (p.Sheet, p.Row, new FieldError(column, $"第 {p.Row} 行“{column}”：{e.Message}", p.Row, p.Sheet, column));
    }
}
