namespace Lianfang.Core.Org;

public enum OrgUnitKind { Commission, Agency, Unit, Department }

public enum PostTier { Leader, Middle, Other }

public static class OrgNames
{
    public static string Label(this OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Commission => "纪委监委",
        OrgUnitKind.Agency => "派驻机构",
        OrgUnitKind.Unit => "单位",
        _ => "处室/科室",
    };

    public static string Label(this PostTier tier) => tier switch
    {
        PostTier.Leader => "领导岗位",
        PostTier.Middle => "中层岗位",
        _ => "其他岗位",
    };

    /// <summary>Reads a kind as people write it in forms (中文 or code).</summary>
    public static OrgUnitKind? ParseKind(string? text) => Normalize(text) switch
    {
        "commission" or "纪委监委" or "纪委" or "纪委监察局" or "监委" => OrgUnitKind.Commission,
        "agency" or "派驻机构" or "纪检监察组" or "派驻纪检监察组" => OrgUnitKind.Agency,
        "unit" or "单位" or "下属单位" => OrgUnitKind.Unit,
        "department" or "处室" or "科室" or "处室/科室" or "部门" or "内设机构" => OrgUnitKind.Department,
        _ => null,
    };

    public static PostTier? ParseTier(string? text) => Normalize(text) switch
    {
        "leader" or "领导岗位" or "领导" or "领导层面" => PostTier.Leader,
        "middle" or "中层岗位" or "中层" or "中层层面" => PostTier.Middle,
        "other" or "其他岗位" or "其他" or "一般岗位" or "其他层面" => PostTier.Other,
        _ => null,
    };

    private static string Normalize(string? s) =>
        (s ?? "").Replace(" ", "").Replace("\u3000", "").Trim().ToLowerInvariant();
}
