using Lianfang.Core.Org;

namespace Lianfang.Core.Tests.Org;

public class OrgTreeTests
{
    private static int _id;

    /// <summary>An org unit with an id, as if loaded from the database.</summary>
    private static OrgUnit Unit(string name, OrgUnitKind kind, OrgUnit? parent, string path)
    {
        var u = new OrgUnit(name, kind, parent, path);
        typeof(OrgUnit).GetProperty(nameof(OrgUnit.Id))!.SetValue(u, ++_id);
        return u;
    }

    [Fact]
    public void Paths_are_fixed_width_base36_segments_so_a_subtree_is_a_prefix()
    {
        Assert.Equal("0001", OrgPath.NextChild("", null));
        Assert.Equal("00010001", OrgPath.NextChild("0001", null));
        Assert.Equal("0001000a", OrgPath.NextChild("0001", "00010009"));
        Assert.Equal("00010010", OrgPath.NextChild("0001", "0001000z"));
        Assert.True(OrgPath.IsAncestorOrSelf("0001", "00010003"));
        Assert.False(OrgPath.IsAncestorOrSelf("0002", "00010003"));
        Assert.Equal("0001", OrgPath.ParentOf("00010003"));
        Assert.Null(OrgPath.ParentOf("0001"));
        Assert.Equal(2, OrgPath.Depth("00010003"));
    }

    [Theory]
    [InlineData(null, OrgUnitKind.Commission, true)]
    [InlineData(null, OrgUnitKind.Unit, false)]
    [InlineData(OrgUnitKind.Commission, OrgUnitKind.Agency, true)]
    [InlineData(OrgUnitKind.Commission, OrgUnitKind.Unit, true)]
    [InlineData(OrgUnitKind.Unit, OrgUnitKind.Unit, true)]
    [InlineData(OrgUnitKind.Unit, OrgUnitKind.Department, true)]
    [InlineData(OrgUnitKind.Unit, OrgUnitKind.Agency, false)]
    [InlineData(OrgUnitKind.Unit, OrgUnitKind.Commission, false)]
    [InlineData(OrgUnitKind.Department, OrgUnitKind.Department, true)]
    [InlineData(OrgUnitKind.Department, OrgUnitKind.Unit, false)]
    [InlineData(OrgUnitKind.Agency, OrgUnitKind.Unit, false)]
    public void Kinds_nest_as_the_commission_tree_does(OrgUnitKind? parent, OrgUnitKind child, bool allowed) =>
        Assert.Equal(allowed, OrgRules.CanContain(parent, child));

    [Fact]
    public void A_unit_cannot_be_created_under_a_department()
    {
        var c = Unit("纪委", OrgUnitKind.Commission, null, "0001");
        var u = Unit("卫健委", OrgUnitKind.Unit, c, "00010001");
        var d = Unit("办公室", OrgUnitKind.Department, u, "000100010001");
        var ex = Assert.Throws<DomainException>(() => new OrgUnit("医院", OrgUnitKind.Unit, d, "0001000100010001"));
        Assert.Equal("kind", ex.Field);
        Assert.Contains("处室/科室下不能设立单位", ex.Message);
    }

    [Fact]
    public void Moving_a_unit_rewrites_the_paths_of_its_whole_subtree()
    {
        var c = Unit("纪委", OrgUnitKind.Commission, null, "0001");
        var a = Unit("卫健委", OrgUnitKind.Unit, c, "00010001");
        var b = Unit("财政局", OrgUnitKind.Unit, c, "00010002");
        var dept = Unit("办公室", OrgUnitKind.Department, a, "000100010001");
        var sub = Unit("文书科", OrgUnitKind.Department, dept, "0001000100010001");
        var other = Unit("国库科", OrgUnitKind.Department, b, "000100020001");

        dept.MoveUnder(b, "000100020002", [a, dept, sub, other]);

        Assert.Equal(b.Id, dept.ParentId);
        Assert.Equal("000100020002", dept.Path);
        Assert.Equal("0001000200020001", sub.Path);
        Assert.Equal("000100020001", other.Path);
    }

    [Fact]
    public void Moving_a_unit_under_its_own_descendant_is_refused_as_a_cycle()
    {
        var c = Unit("纪委", OrgUnitKind.Commission, null, "0001");
        var a = Unit("卫健委", OrgUnitKind.Unit, c, "00010001");
        var child = Unit("医院", OrgUnitKind.Unit, a, "000100010001");

        var ex = Assert.Throws<DomainException>(() => a.MoveUnder(child, "0001000100010001", [a, child]));
        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Equal("parentId", ex.Field);
        Assert.Throws<DomainException>(() => a.MoveUnder(a, "000100010002", [a]));
    }

    [Fact]
    public void Sibling_names_must_be_unique()
    {
        var ex = Assert.Throws<DomainException>(() => OrgRules.EnsureUniqueName("办公室", ["财务科", "办公室"]));
        Assert.Equal("name", ex.Field);
        OrgRules.EnsureUniqueName("办公室", ["财务科"]);
    }

    [Fact]
    public void Only_an_agency_supervises_and_only_units_inside_its_commission()
    {
        var city = Unit("市纪委", OrgUnitKind.Commission, null, "0001");
        var county = Unit("县纪委", OrgUnitKind.Commission, null, "0002");
        var health = Unit("卫健委", OrgUnitKind.Unit, city, "00010001");
        var office = Unit("办公室", OrgUnitKind.Department, health, "000100010001");
        var elsewhere = Unit("县财政局", OrgUnitKind.Unit, county, "00020001");
        var agency = Unit("派驻组", OrgUnitKind.Agency, city, "00010002");

        agency.SetSupervised([health], city);
        Assert.Single(agency.Supervises);
        Assert.Contains("不是单位", Assert.Throws<DomainException>(() => agency.SetSupervised([office], city)).Message);
        Assert.Contains("管辖范围", Assert.Throws<DomainException>(() => agency.SetSupervised([elsewhere], city)).Message);
        Assert.Throws<DomainException>(() => health.SetSupervised([health], city));
        agency.SetSupervised([], city);
        Assert.Empty(agency.Supervises);
    }

    [Fact]
    public void A_person_keeps_the_history_of_posts_held()
    {
        var c = Unit("纪委", OrgUnitKind.Commission, null, "0001");
        var u = Unit("卫健委", OrgUnitKind.Unit, c, "00010001");
        var finance = Unit("财务处", OrgUnitKind.Department, u, "000100010001");
        var office = Unit("办公室", OrgUnitKind.Department, u, "000100010002");
        var accountant = new Post(finance, "会计", PostTier.Other, "核算", null);
        var head = new Post(office, "办公室主任", PostTier.Middle, null, null);
        typeof(Post).GetProperty(nameof(Post.Id))!.SetValue(accountant, 1);
        typeof(Post).GetProperty(nameof(Post.Id))!.SetValue(head, 2);
        var p = new Person(finance, "王芳", "科员", null);

        p.AssignPost(accountant, new DateOnly(2020, 1, 1), Times.Now);
        p.AssignPost(head, new DateOnly(2023, 7, 1), Times.Now);

        Assert.Equal(2, p.Assignments.Count);
        Assert.Equal(new DateOnly(2023, 7, 1), p.Assignments.First().To);
        Assert.Same(head, p.CurrentAssignment!.Post);
        Assert.Equal(office.Id, p.OrgUnitId);
        Assert.Equal(new DateOnly(2023, 7, 1), p.AppointedOn);
        Assert.Throws<DomainException>(() => p.AssignPost(accountant, new DateOnly(2022, 1, 1), Times.Now));
    }

    [Theory]
    [InlineData("领导岗位", PostTier.Leader)]
    [InlineData("中层 岗位", PostTier.Middle)]
    [InlineData("Other", PostTier.Other)]
    [InlineData("一般岗位", PostTier.Other)]
    public void Tiers_are_read_as_forms_write_them(string text, PostTier tier) => Assert.Equal(tier, OrgNames.ParseTier(text));

    [Fact]
    public void Required_names_are_trimmed_and_checked()
    {
        Assert.Equal("办公室", Text.Required("  办公室 ", "name", "名称"));
        Assert.Equal("name", Assert.Throws<DomainException>(() => Text.Required("  ", "name", "名称")).Field);
        Assert.Contains("100", Assert.Throws<DomainException>(() => Text.Required(new string('长', 101), "name", "名称")).Message);
    }
}
