namespace Lianfang.Core;

/// <summary>
/// A record entered by mistake (an inspection, an assessment, a disposition) is withdrawn, not deleted: who, when and
/// why stay on it and in the audit trail, and it counts nowhere after.
/// </summary>
public static class Withdrawal
{
    public static (DateTime At, string By, string Reason) Of(DateTime? withdrawnAt, string what, string by, string? reason, DateTime now) =>
        withdrawnAt is not null ? throw DomainException.Conflict("status", $"该{what}已撤销")
            : (now, by, Text.Required(reason, "reason", "撤销原因", 500));
}
