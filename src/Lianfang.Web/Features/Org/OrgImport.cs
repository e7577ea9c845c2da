using System.Globalization;
using Lianfang.Core.Access;
using Lianfang.Core.Org;
using MiniExcelLibs;

namespace Lianfang.Web.Features.Org;

public sealed record OrgImportResult(int Units, int Posts, int People);

/// <summary>
/// Imports an org workbook (sheets 机构, 岗位, 人员) under one unit. Every row is checked first; a file with any
/// bad row is rejected whole with each problem named by sheet, row (as Excel shows it) and column.
/// </summary>
public static class OrgImport
{
    public const string UnitsSheet = "机构", PostsSheet = "岗位", PeopleSheet = "人员";
    public static readonly string[] UnitColumns = ["机构名称", "类型", "上级机构", "监督单位", "职责", "廉政职责", "负责人"];
    public static readonly string[] PostColumns = ["所属机构", "岗位名称", "岗位层面", "岗位职责", "廉政职责"];
    public static readonly string[] PeopleColumns = ["姓名", "职务", "所属机构", "岗位", "任职时间", "工号"];

    public static async Task<OrgImportResult> ImportAsync(AppDbContext db, AccessScope scope, int rootId, Stream xlsx, TimeProvider time, CancellationToken ct)
    {
        var root = await OrgUnitCommands.LoadVisibleAsync(db, scope, rootId, ct);
        if (!scope.CanManageOrg(root.Path)) throw DomainException.Forbidden($"无权向“{root.Name}”导入机构和人员");
        var sheets = ReadWorkbook(xlsx);

        var existing = await db.OrgUnits.Under([root.Path], u => u.Path).ToListAsync(ct);
        var ids = existing.Select(u => u.Id).ToList();
        var existingPosts = await db.Posts.Where(p => ids.Contains(p.OrgUnitId)).ToListAsync(ct);
        var existingPeople = await db.People.Where(p => ids.Contains(p.OrgUnitId)).Select(p => new { p.OrgUnitId, p.Name }).ToListAsync(ct);
        var tree = new Tree(root, existing);
        var errors = new List<FieldError>();
        var plan = new Plan();

        var described = new List<(SheetRow Row, Node Node)>(); // units whose 职责、廉政职责 or 负责人 the file gives
        foreach (var row in sheets.Rows(UnitsSheet, UnitColumns, errors))
        {
            var name = row["机构名称"];
            var kind = OrgNames.ParseKind(row["类型"]);
            if (string.IsNullOrEmpty(name)) { row.Error(errors, "机构名称", "机构名称不能为空"); continue; }
            if (name.Length > 100 || name.Contains('/')) { row.Error(errors, "机构名称", "机构名称不能超过100字，且不能含“/”"); continue; }
            if (kind is null) { row.Error(errors, "类型", $"类型“{row["类型"]}”无效，可填：纪委监委、派驻机构、单位、处室/科室"); continue; }
            string? why = null;
            var parent = string.IsNullOrEmpty(row["上级机构"]) ? tree.Root : tree.Resolve(row["上级机构"], out why);
            if (parent is null) { row.Error(errors, "上级机构", why!); continue; }
            if (tree.ChildNamed(parent, name) is { } same)
            {
                if (same.Unit.Kind != kind) row.Error(errors, "机构名称", $"“{parent.Unit.Name}”下已有同名机构“{name}”，但类型不同");
                else if (Describes(row)) described.Add((row, same)); // already there: only its description may be filled in
                continue; // importing the same file twice changes nothing
            }
            if (!OrgRules.CanContain(parent.Unit.Kind, kind.Value))
            {
                row.Error(errors, "类型", OrgRules.ContainmentError(parent.Unit.Kind, kind.Value));
                continue;
            }
            var node = tree.Add(parent, name, kind.Value, await tree.NextPathAsync(db, parent, ct));
            plan.Units.Add(node.Unit);
            if (Describes(row)) described.Add((row, node));
            foreach (var target in Split(row["监督单位"]))
            {
                if (kind != OrgUnitKind.Agency) { row.Error(errors, "监督单位", "只有派驻机构可以填写监督单位"); break; }
                var supervised = tree.Resolve(target, out var why2);
                if (supervised is null) row.Error(errors, "监督单位", why2!);
                else if (supervised.Unit.Kind != OrgUnitKind.Unit) row.Error(errors, "监督单位", $"“{target}”不是单位");
                else plan.Supervision.Add((node.Unit, supervised.Unit));
            }
        }

        var posts = existingPosts.ToList();
        foreach (var row in sheets.Rows(PostsSheet, PostColumns, errors))
        {
            var unit = tree.Resolve(row["所属机构"], out var why);
            if (unit is null) { row.Error(errors, "所属机构", why!); continue; }
            var tier = OrgNames.ParseTier(row["岗位层面"]);
            if (tier is null) { row.Error(errors, "岗位层面", $"岗位层面“{row["岗位层面"]}”无效，可填：领导岗位、中层岗位、其他岗位"); continue; }
            if (posts.Any(p => p.OrgUnit == unit.Unit && p.Name == row["岗位名称"])) continue;
            try
            {
                var post = new Post(unit.Unit, row["岗位名称"], tier.Value, row["岗位职责"], row["廉政职责"]);
                posts.Add(post);
                plan.Posts.Add(post);
            }
            catch (DomainException e) { row.Error(errors, Column(e.Field, "岗位名称"), e.Message); }
        }
        foreach (var row in sheets.Rows(PeopleSheet, PeopleColumns, errors))
        {
            var unit = tree.Resolve(row["所属机构"], out var why);
            if (unit is null) { row.Error(errors, "所属机构", why!); continue; }
            var date = Lianfang.Core.Forms.CellDate.Parse(row["任职时间"]);
            if (!string.IsNullOrEmpty(row["任职时间"]) && date is null) { row.Error(errors, "任职时间", $"任职时间“{row["任职时间"]}”无法识别，请写成 2021-03-01"); continue; }
            Post? post = null;
            if (!string.IsNullOrEmpty(row["岗位"]))
            {
                post = posts.FirstOrDefault(p => p.OrgUnit == unit.Unit && p.Name == row["岗位"]); // tracked units are fixed up onto existing posts
                if (post is null) { row.Error(errors, "岗位", $"“{unit.Unit.Name}”没有岗位“{row["岗位"]}”，请先在“岗位”表中列出"); continue; }
            }
            var name = row["姓名"];
            if (existingPeople.Any(p => p.OrgUnitId == unit.Unit.Id && unit.Unit.Id != 0 && p.Name == name)
                || plan.People.Any(p => p.OrgUnit == unit.Unit && p.Name == name))
            { row.Error(errors, "姓名", $"“{unit.Unit.Name}”已有人员“{name}”"); continue; }
            var number = row["工号"];
            if (number.Length > 0 && plan.People.Any(p => p.EmployeeNumber == number))
            { row.Error(errors, "工号", $"工号“{number}”在文件中重复"); continue; }
            if (number.Length > 0 && await db.People.AnyAsync(p => p.EmployeeNumber == number, ct))
            { row.Error(errors, "工号", $"工号“{number}”已被其他人员使用"); continue; }
            try
            {
                var person = new Person(unit.Unit, name, row["职务"], date);
                person.SetEmployeeNumber(number);
                if (post is not null) person.AssignPost(post, date ?? time.Today(), time.UtcNow());
                plan.People.Add(person);
            }
            catch (DomainException e) { row.Error(errors, Column(e.Field, "姓名"), e.Message); }
        }

        // 职责 and 负责人: the head is a person of the unit's subtree, already there or in this file's 人员 sheet
        var heads = new List<(OrgUnit Unit, Person? New, int? Existing)>();
        var changed = 0;
        foreach (var (row, node) in described)
        {
            var unit = node.Unit;
            try
            {
                var (duties, integrity) = (Keep(row["职责"], unit.Duties), Keep(row["廉政职责"], unit.IntegrityDuties));
                if (duties != unit.Duties || integrity != unit.IntegrityDuties) changed++;
                unit.Describe(duties, integrity);
            }
            catch (DomainException e) { row.Error(errors, e.Field == "duties" ? "职责" : "廉政职责", e.Message); }
            if (string.IsNullOrEmpty(row["负责人"])) continue;
            var inSubtree = (Func<OrgUnit, bool>)(u => tree.IsUnder(u, node));
            var fresh = plan.People.Where(p => inSubtree(p.OrgUnit) && p.Name == row["负责人"]).ToList();
            var known = unit.Id == 0
                ? []
                : await db.People.Under([unit.Path], p => p.OrgUnit.Path).Where(p => p.Name == row["负责人"]).Select(p => p.Id).ToListAsync(ct);
            if (fresh.Count + known.Count != 1)
            {
                row.Error(errors, "负责人", fresh.Count + known.Count == 0 ? $"负责人“{row["负责人"]}”不是“{unit.Name}”（含下级）的人员，请先在“人员”表中列出"
                    : $"“{unit.Name}”（含下级）有 {fresh.Count + known.Count} 名“{row["负责人"]}”，无法确定负责人，请在机构页面指定");
                continue;
            }
            if (known.Count == 1 && unit.HeadPersonId == known[0]) continue;
            heads.Add((unit, fresh.FirstOrDefault(), known.Count == 1 ? known[0] : null));
        }

        if (errors.Count > 0)
            throw new ValidationFailedException(errors, $"文件中有 {errors.Count} 处错误，未导入任何数据。请修改后重新上传。", 422);
        if (plan.Units.Count + plan.Posts.Count + plan.People.Count + changed + heads.Count == 0)
            throw new DomainException("file", "文件中没有可导入的新机构、岗位或人员，也没有要补充的职责和负责人");

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.OrgUnits.AddRange(plan.Units);
        db.Posts.AddRange(plan.Posts);
        db.People.AddRange(plan.People);
        foreach (var (agency, unit) in plan.Supervision)
            agency.SetSupervised([.. agency.Supervises.Select(s => s.Unit), unit], tree.ParentOf(agency));
        await db.SaveChangesAsync(ct);
        if (heads.Count > 0) // new heads have their ids now
        {
            foreach (var (unit, fresh, known) in heads)
                unit.SetHead(fresh?.Id ?? known, fresh?.OrgUnit.Path ?? await db.People.Where(p => p.Id == known).Select(p => p.OrgUnit.Path).SingleAsync(ct));
            await db.SaveChangesAsync(ct);
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return new(plan.Units.Count, plan.Posts.Count, plan.People.Count);
    }

    private static bool Describes(SheetRow row) => !string.IsNullOrEmpty(row["职责"]) || !string.IsNullOrEmpty(row["廉政职责"]) || !string.IsNullOrEmpty(row["负责人"]);

    /// <summary>A cell left empty keeps what the unit has: a file adds descriptions, it does not erase them.</summary>
    private static string? Keep(string cell, string? current) => string.IsNullOrEmpty(cell) ? current : cell;

    /// <summary>A blank workbook with the three sheets and an example row each.</summary>
    public static byte[] Template()
    {
        var sheets = new Dictionary<string, object>
        {
            [UnitsSheet] = new[]
            {
                Row(UnitColumns, "办公室", "处室/科室", "", "", "负责文电、会务、机要和综合协调", "", ""),
                Row(UnitColumns, "财务科", "处室/科室", "", "", "负责预算编制、资金管理和会计核算", "对本科室廉政风险防控负直接责任", "张三"),
            },
            [PostsSheet] = new[] { Row(PostColumns, "财务科", "财务科科长", "中层岗位", "负责预算编制和资金管理", "对本科室廉政风险防控负直接责任") },
            [PeopleSheet] = new[] { Row(PeopleColumns, "张三", "科长", "财务科", "财务科科长", "2021-03-01", "E1001") },
        };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        return ms.ToArray();
    }

    private static Dictionary<string, object> Row(string[] columns, params string[] values) =>
        columns.Zip(values).ToDictionary(p => p.First, p => (object)p.Second);

    private static string Column(string field, string fallback) => field switch
    {
        "name" => fallback,
        "tier" => "岗位层面",
        "duties" => "岗位职责",
        "integrityDuties" => "廉政职责",
        "title" => "职务",
        "appointedOn" => "任职时间",
        "employeeNumber" => "工号",
        _ => fallback,
    };

    private static IEnumerable<string> Split(string s) =>
        s.Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class Plan
    {
        public List<OrgUnit> Units { get; } = [];
        public List<Post> Posts { get; } = [];
        public List<Person> People { get; } = [];
        public List<(OrgUnit Agency, OrgUnit Unit)> Supervision { get; } = [];
    }

    // ---- reading the workbook ----

    private static Workbook ReadWorkbook(Stream xlsx)
    {
        try
        {
            var names = xlsx.GetSheetNames();
            var data = new Dictionary<string, List<IDictionary<string, object?>>>();
            foreach (var sheet in new[] { UnitsSheet, PostsSheet, PeopleSheet }.Where(names.Contains))
            {
                xlsx.Position = 0;
                data[sheet] = xlsx.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            }
            if (data.Count == 0)
                throw new DomainException("file", $"文件中没有名为“{UnitsSheet}”“{PostsSheet}”或“{PeopleSheet}”的工作表，请使用导入模板");
            return new Workbook(data);
        }
        catch (DomainException) { throw; }
        // MiniExcel meets some damage with a NullReferenceException or an index out of range rather than an error of its own.
        catch (Exception e) when (Office.ReadLimits.Unreadable(e) || e is NullReferenceException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new DomainException("file", "无法读取该 Excel 文件，文件可能已损坏或不是标准的 .xlsx 格式");
        }
    }

    private sealed class Workbook(Dictionary<string, List<IDictionary<string, object?>>> sheets)
    {
        public IEnumerable<SheetRow> Rows(string sheet, string[] columns, List<FieldError> errors)
        {
            if (!sheets.TryGetValue(sheet, out var rows) || rows.Count == 0) yield break;
            // "机构名称" and "机构 名称" (or one wrapped onto two lines) are the same column to a reader: the first is read.
            var headers = new Dictionary<string, string>();
            foreach (var k in rows[0].Keys) headers.TryAdd(Clean(k), k);
            var missing = columns.Take(sheet == UnitsSheet ? 2 : 3).Where(c => !headers.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                errors.Add(new("file", $"工作表“{sheet}”缺少列：{string.Join("、", missing)}", 1, sheet));
                yield break;
            }
            for (var i = 0; i < rows.Count; i++)
            {
                var values = columns.ToDictionary(c => c, c => headers.TryGetValue(c, out var k) ? Cell(rows[i][k]) : "");
                if (values.Values.All(string.IsNullOrEmpty)) continue;
                yield return new SheetRow(sheet, i + 2, values); // +1 header, +1 because Excel counts from 1
            }
        }

        private static string Clean(string s) => s.Replace(" ", "").Replace("\u3000", "").Replace("\n", "").Trim();

        private static string Cell(object? v) => v switch
        {
            null => "",
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double n => n.ToString(CultureInfo.InvariantCulture),
            _ => v.ToString()!.Trim(),
        };
    }

    private sealed class SheetRow(string sheet, int row, Dictionary<string, string> values)
    {
        public string this[string column] => values[column];
        public void Error(List<FieldError> errors, string column, string message) => errors.Add(new(column, message, row, sheet, column));
    }

    // ---- resolving unit references ("办公室" or "卫健委/办公室") inside the import root ----

    private sealed class Tree
    {
        private readonly List<Node> _nodes = [];
        private readonly Dictionary<Node, string?> _lastChild = [];

        public Tree(OrgUnit root, List<OrgUnit> subtree)
        {
            var byId = subtree.ToDictionary(u => u.Id, u => new Node(u));
            foreach (var n in byId.Values) n.Parent = n.Unit.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : null;
            _nodes.AddRange(byId.Values);
            Root = byId[root.Id];
        }

        public Node Root { get; }

        public Node? ChildNamed(Node parent, string name) => _nodes.FirstOrDefault(n => n.Parent == parent && n.Unit.Name == name);

        public OrgUnit? ParentOf(OrgUnit unit) => _nodes.FirstOrDefault(n => n.Unit == unit)?.Parent?.Unit;

        /// <summary>Whether <paramref name="unit"/> is <paramref name="ancestor"/> or lies below it (new units included).</summary>
        public bool IsUnder(OrgUnit unit, Node ancestor)
        {
            for (var n = _nodes.FirstOrDefault(x => x.Unit == unit); n is not null; n = n.Parent)
                if (n == ancestor) return true;
            return false;
        }

        public Node Add(Node parent, string name, OrgUnitKind kind, string path)
        {
            var node = new Node(new OrgUnit(name, kind, parent.Unit, path)) { Parent = parent };
            _nodes.Add(node);
            _lastChild[parent] = path;
            return node;
        }

        public async Task<string> NextPathAsync(AppDbContext db, Node parent, CancellationToken ct)
        {
            if (!_lastChild.TryGetValue(parent, out var last) && parent.Unit.Id != 0)
            {
                var id = parent.Unit.Id;
                last = await db.OrgUnits.Where(u => u.ParentId == id).MaxAsync(u => (string?)u.Path, ct);
            }
            return OrgPath.NextChild(parent.Unit.Path, last);
        }

        /// <summary>Finds a unit by name or by a path of names ending in it; ambiguity is an error, not a guess.</summary>
        public Node? Resolve(string reference, out string? why)
        {
            why = null;
            var parts = reference.Split(['/', '／', '\\'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0) { why = "机构不能为空"; return null; }
            var matches = _nodes.Where(n => Matches(n, parts)).ToList();
            if (matches.Count == 1) return matches[0];
            why = matches.Count == 0
                ? $"找不到机构“{reference}”（须是“{Root.Unit.Name}”或其下级，或在“机构”表中先列出）"
                : $"有 {matches.Count} 个机构名为“{parts[^1]}”，请写出上级路径，如“{matches[0].Parent?.Unit.Name}/{parts[^1]}”";
            return null;
        }

        private static bool Matches(Node node, string[] parts)
        {
            Node? n = node;
            for (var i = parts.Length - 1; i >= 0; i--, n = n.Parent)
                if (n is null || n.Unit.Name != parts[i]) return false;
            return true;
        }
    }

    private sealed class Node(OrgUnit unit)
    {
        public OrgUnit Unit { get; } = unit;
        public Node? Parent { get; set; }
    }
}

public static class OrgImportApi
{
    public static async Task<IResult> ImportAsync(int id, IFormFile? file, CurrentUser me, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        await using var xlsx = await Uploads.ReadXlsxAsync(file, ct);
        return TypedResults.Ok(await OrgImport.ImportAsync(db, await me.ScopeAsync(ct), id, xlsx, time, ct));
    }
}
