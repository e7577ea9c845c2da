namespace Lianfang.Core.Access;

/// <summary>
/// 等保 level 3 identity rules the security administrator sets for the installation (三员分立): password length, how long
/// a password lasts, whether a password someone else set must be changed at the next sign-in, and lockout after
/// repeated failures.
/// </summary>
public sealed record PasswordPolicy(int MinLength, int ExpiryDays, bool ChangeInitial, int MaxFailedAttempts, int LockoutMinutes)
{
    public const int LengthFloor = 8, LengthCeiling = 64, MaxExpiryDays = 365, MaxAttemptsCeiling = 10, MaxLockoutMinutes = 24 * 60;

    /// <summary>Length over composition rules (ASVS 2.1); 90 days; change what an administrator set; 5 tries, 15 minutes.</summary>
    public static readonly PasswordPolicy Default = new(12, 90, true, 5, 15);

    /// <summary>The policy if it is one a level-3 system may run with; else the field at fault, in Chinese.</summary>
    public PasswordPolicy Checked()
    {
        if (MinLength is < LengthFloor or > LengthCeiling)
            throw new DomainException("minLength", $"密码最短长度须在 {LengthFloor}–{LengthCeiling} 个字符之间");
        if (ExpiryDays is < 0 or > MaxExpiryDays)
            throw new DomainException("expiryDays", $"密码有效期须在 1–{MaxExpiryDays} 天之间（0 表示不过期）");
        if (MaxFailedAttempts is < 3 or > MaxAttemptsCeiling)
            throw new DomainException("maxFailedAttempts", $"连续登录失败锁定次数须在 3–{MaxAttemptsCeiling} 次之间");
        if (LockoutMinutes is < 1 or > MaxLockoutMinutes)
            throw new DomainException("lockoutMinutes", $"锁定时长须在 1–{MaxLockoutMinutes} 分钟之间");
        return this;
    }

    /// <summary>Whether a password set at <paramref name="changedAt"/> (UTC) has run out at <paramref name="now"/>.</summary>
    public bool Expired(DateTime? changedAt, DateTime now) =>
        ExpiryDays > 0 && changedAt is { } at && at.AddDays(ExpiryDays) <= now;

    /// <summary>Whether the account owes a new password before anything else, and why (null: it does not).</summary>
    public string? Owed(bool setByOthers, DateTime? changedAt, DateTime now) =>
        setByOthers ? "该账号的密码由管理员设置" : Expired(changedAt, now) ? $"密码已超过 {ExpiryDays} 天有效期" : null;

    /// <summary>What a refused sign-in tells the user about lockout.</summary>
    public string LockoutHint => $"连续输错 {MaxFailedAttempts} 次账号将锁定 {LockoutMinutes} 分钟";
}
