using System.IO.Compression;
using System.Text;
using Lianfang.Core.Forms;
using Lianfang.Web.Office;

namespace Lianfang.Web.Tests.Features.Forms;

/// <summary>Files → points, without the app: every seed form in Word and Excel, and files that are not what they claim.</summary>
public class FormReadersTests
{
    private static FormParse Parse(byte[] file, string name, string scheme) => FormCheck.Parse(file, name, scheme);
    private static void AssertPoints(IReadOnlyList<Expected> expected, FormParse parse) => FormCheck.AssertPoints(expected, parse);

    [Fact]
    public void The_health_commission_list_in_Word_gives_five_points_with_every_field()
    {
        var parse = Parse(SeedForms.HealthListDocx(), "财务处廉洁风险防控清单.docx", "shaoxing-health-2018");
        AssertPoints(SeedForms.HealthList, parse);
        Assert.Equal([2, 3, 4, 5, 6], parse.Points.Select(p => p.Row));
        Assert.Equal("表格1", parse.Points[0].Sheet);
        Assert.Equal([CategorySource.Unclassified, CategorySource.Inferred, CategorySource.Inferred, CategorySource.Unclassified, CategorySource.Inferred],
            parse.Points.Select(p => p.CategorySource));
    }

    [Fact]
    public void The_health_commission_list_in_Excel_gives_the_same_points_with_Excel_row_numbers()
    {
        var parse = Parse(SeedForms.HealthListXlsx(), "清单.xlsx", "shaoxing-health-2018");
        AssertPoints(SeedForms.HealthList, parse);
        Assert.Equal([5, 6, 7, 8, 9], parse.Points.Select(p => p.Row));
        Assert.Equal("防控清单", parse.Points[0].Sheet);
    }

    [Fact]
    public void A_bad_level_in_the_spreadsheet_is_named_by_its_Excel_row_and_column()
    {
        var parse = Parse(SeedForms.HealthListXlsx(levelOfRow7: "较高"), "清单.xlsx", "shaoxing-health-2018");
        var issue = Assert.Single(parse.Issues);
        Assert.Equal(("防控清单", 7, "风险等级"), (issue.Sheet, issue.Row, issue.Column));
        Assert.StartsWith("第 7 行“风险等级”：“较高”不是方案", issue.Message);
    }

    [Fact]
    public void The_unit_registration_form_in_Word_reads_self_and_approved_levels_under_its_two_row_header()
    {
        var parse = Parse(SeedForms.UnitRegistrationReviewedDocx(), "单位登记表.docx", "sanjiang-2019");
        AssertPoints(SeedForms.UnitRegistration, parse);
        Assert.Equal("风险等级（审定）", parse.Points[0].ColumnOf(FormField.ApprovedLevel));
    }

    [Fact]
    public void The_post_registration_form_in_Excel_reads_merged_categories()
    {
        AssertPoints(SeedForms.PostRegistration, Parse(SeedForms.PostRegistrationReviewedXlsx(), "岗位登记表.xlsx", "sanjiang-2019"));
    }

    [Fact]
    public void The_personal_finding_form_reads_vertical_category_names_level_tags_and_manifestations()
    {
        var parse = Parse(SeedForms.PersonalFindingDocx(), "个人查找表.docx", "longsheng-2012");
        AssertPoints(SeedForms.PersonalFinding, parse);
        Assert.Equal([false, true, false], parse.Points.Select(p => p.Unrated));
    }

    [Fact]
    public void The_department_finding_form_in_Excel_skips_hidden_sheets()
    {
        AssertPoints(SeedForms.DepartmentFinding, Parse(SeedForms.DepartmentFindingXlsx(), "部门查找表.xlsx", "longsheng-2012"));
    }

    [Fact]
    public void The_department_registration_form_stops_at_its_correction_opinion_row()
    {
        AssertPoints(SeedForms.DepartmentRegistration, Parse(SeedForms.DepartmentRegistrationDocx(), "部门登记表.docx", "longsheng-2012"));
    }

    [Fact]
    public void The_personal_registration_form_stops_at_its_public_commitment_row()
    {
        AssertPoints(SeedForms.PersonalRegistration, Parse(SeedForms.PersonalRegistrationXlsx(), "个人登记表.xlsx", "longsheng-2012"));
    }

    [Theory]
    [InlineData("corpus/health-list-libreoffice.docx")]
    [InlineData("corpus/health-list-libreoffice.xlsx")]
    public void The_list_saved_by_LibreOffice_from_HTML_reads_the_same(string path)
    {
        var parse = Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Features", "Forms", path)), Path.GetFileName(path), "shaoxing-health-2018");
        AssertPoints(SeedForms.HealthList, parse);
    }

    [Fact]
    public void Word_quirks_deleted_text_drawings_and_unfilled_placeholders_are_left_out()
    {
        var deleted = new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
            new DocumentFormat.OpenXml.Wordprocessing.DeletedRun(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.DeletedText("删掉的"))));
        var doc = new Corpus.Word()
            .Raw(deleted)
            .Table([1000, 3000, 1000],
                ["序号", "风险点描述", "风险等级"],
                ["1", "收受礼品⏎（节日期间）", "一般"])
            .Build();
        var p = Assert.Single(Parse(doc, "a.docx", "shaoxing-2018").Points);
        Assert.Equal("收受礼品\n（节日期间）", p.Content.Description);
    }

    // ---- files that are not what they claim ----

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(content);
            }
        return ms.ToArray();
    }

    private static byte[] Replace(byte[] package, string entry, Func<string, string> change)
    {
        using var ms = new MemoryStream();
        ms.Write(package);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, true))
        {
            var e = zip.GetEntry(entry)!;
            string text;
            using (var r = new StreamReader(e.Open())) text = r.ReadToEnd();
            e.Delete();
            using var w = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
            w.Write(change(text));
        }
        return ms.ToArray();
    }

    public static TheoryData<string, string, string> Hostile()
    {
        var docx = Convert.ToBase64String(SeedForms.HealthListDocx());
        var xlsx = Convert.ToBase64String(SeedForms.HealthListXlsx());
        var bomb = Convert.ToBase64String(Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", new byte[90 * 1024 * 1024])));
        var ratio = Convert.ToBase64String(Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", new byte[5 * 1024 * 1024])));
        var macro = Convert.ToBase64String(Replace(SeedForms.HealthListXlsx(), "[Content_Types].xml",
            t => t.Replace("spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml").Replace("openxmlformats-officedocument.sheet.macroEnabled", "ms-excel.sheet.macroEnabled")));
        var vba = Convert.ToBase64String(AddEntry(SeedForms.HealthListXlsx(), "xl/vbaProject.bin"));
        var ole = Convert.ToBase64String([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        return new()
        {
            { "清单.txt", Convert.ToBase64String(Encoding.UTF8.GetBytes("序号,描述")), "只能上传" },
            { "清单.doc", ole, "另存为" },
            { "清单.xlsm", xlsx, "含宏" },
            { "清单.docx", Convert.ToBase64String(Encoding.UTF8.GetBytes("<html>not a zip</html>")), "不是有效的 .docx" },
            { "清单.xlsx", ole, "打开密码" },
            { "清单.docx", xlsx, "内容是 Excel 工作簿" },
            { "清单.xlsx", docx, "内容是 Word 文档" },
            { "清单.docx", bomb, "压缩炸弹" },
            { "清单.docx", ratio, "压缩比异常" },
            { "清单.xlsx", macro, "启用宏" },
            { "清单.xlsx", vba, "含有宏" },
            { "清单.xlsx", Convert.ToBase64String("PK\u0003\u0004 broken"u8.ToArray()), "无法读取" },
            { "清单.docx", Convert.ToBase64String(Zip(("a.txt", [1, 2, 3]))), "不是 Office 文档" },
        };
    }

    private static byte[] AddEntry(byte[] package, string name)
    {
        using var ms = new MemoryStream();
        ms.Write(package);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, true))
        using (var s = zip.CreateEntry(name).Open()) s.Write([0xCC, 0x61]);
        return ms.ToArray();
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Files_that_are_not_clean_docx_or_xlsx_are_refused_with_a_clear_reason(string name, string base64, string message)
    {
        var e = Assert.Throws<BadFileException>(() => Parse(Convert.FromBase64String(base64), name, "shaoxing-2018"));
        Assert.Equal("file", e.Field);
        Assert.Contains(message, e.Message);
    }
}
