using Lianfang.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Lianfang.Web.Features.Account;

/// <summary>The installation's password and lockout policy, one row, kept by the security administrator.</summary>
public sealed class PasswordPolicyRow : IVersioned
{
    public int Id { get; set; } = 1;
    public int MinLength { get; set; }
    public int ExpiryDays { get; set; }
    public bool ChangeInitial { get; set; }
    public int MaxFailedAttempts { get; set; }
    public int LockoutMinutes { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public PasswordPolicy ToPolicy() => new(MinLength, ExpiryDays, ChangeInitial, MaxFailedAttempts, LockoutMinutes);

    public void Set(PasswordPolicy p) =>
        (MinLength, ExpiryDays, ChangeInitial, MaxFailedAttempts, LockoutMinutes) =
            (p.MinLength, p.ExpiryDays, p.ChangeInitial, p.MaxFailedAttempts, p.LockoutMinutes);
}

internal sealed class PasswordPolicyConfiguration : IEntityTypeConfiguration<PasswordPolicyRow>
{
    public void Configure(EntityTypeBuilder<PasswordPolicyRow> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.UpdatedBy).HasMaxLength(100);
    }
}

public sealed record PasswordPolicyDto(int MinLength, int ExpiryDays, bool ChangeInitial, int MaxFailedAttempts, int LockoutMinutes, int Version,
    DateTime? UpdatedAt, string? UpdatedBy);

/// <param name="Version">the version read; a policy changed meanwhile is not overwritten (409)</param>
public sealed record PasswordPolicyRequest(int? MinLength, int? ExpiryDays, bool? ChangeInitial, int? MaxFailedAttempts, int? LockoutMinutes, int? Version);

/// <summary>
/// The policy in force, held in memory and read again from the database at most every <see cref="Fresh"/> (another app
/// node's change reaches this one within that time). Until the security administrator first saves it, the policy is the
/// installation's configuration (<c>Lianfang:Security:Password:*</c>) over <see cref="PasswordPolicy.Default"/>.
/// </summary>
public sealed class PasswordPolicies(IConfiguration config, TimeProvider time)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private readonly PasswordPolicy _configured = Configured(config);
    private volatile PasswordPolicy? _saved;
    private long _loadedAt = long.MinValue;

    public PasswordPolicy Current => _saved ?? _configured;

    private static PasswordPolicy Configured(IConfiguration config)
    {
        var d = PasswordPolicy.Default;
        var s = config.GetSection("Lianfang:Security:Password");
        return new PasswordPolicy(s.GetValue("MinLength", d.MinLength), s.GetValue("ExpiryDays", d.ExpiryDays), s.GetValue("ChangeInitial", d.ChangeInitial),
            s.GetValue("MaxFailedAttempts", d.MaxFailedAttempts), s.GetValue("LockoutMinutes", d.LockoutMinutes)).Checked();
    }

    /// <summary>Older than <see cref="Fresh"/> (or never read): the next request reads it again.</summary>
    public bool Stale => _loadedAt == long.MinValue || time.GetElapsedTime(_loadedAt) >= Fresh;

    public async Task RefreshAsync(AppDbContext db, CancellationToken ct)
    {
        var row = await db.PasswordPolicies.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(ct); // one row
        if (row is not null) _saved = row.ToPolicy();
        _loadedAt = time.GetTimestamp();
    }

    public async Task<PasswordPolicyDto> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        var row = await db.PasswordPolicies.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(ct); // one row
        var p = row?.ToPolicy() ?? _configured;
        return new(p.MinLength, p.ExpiryDays, p.ChangeInitial, p.MaxFailedAttempts, p.LockoutMinutes, row?.Version ?? 0, row?.UpdatedAt, row?.UpdatedBy);
    }

    /// <summary>Only a security administrator of the whole system sets the installation's policy; the change is audited.</summary>
    public async Task<PasswordPolicy> SaveAsync(AppDbContext db, AccessScope scope, string by, PasswordPolicyRequest req, CancellationToken ct)
    {
        if (!scope.HoldsSystemWide(Role.SecurityAdmin)) throw DomainException.Forbidden("密码和锁定策略由全系统的安全管理员设置");
        var policy = new PasswordPolicy(
            req.MinLength ?? throw new DomainException("minLength", "请填写密码最短长度"),
            req.ExpiryDays ?? throw new DomainException("expiryDays", "请填写密码有效期（天）"),
            req.ChangeInitial ?? throw new DomainException("changeInitial", "请选择初始密码是否须在首次登录时修改"),
            req.MaxFailedAttempts ?? throw new DomainException("maxFailedAttempts", "请填写连续登录失败锁定次数"),
            req.LockoutMinutes ?? throw new DomainException("lockoutMinutes", "请填写锁定时长（分钟）")).Checked();
        var row = await db.PasswordPolicies.OrderBy(p => p.Id).FirstOrDefaultAsync(ct); // one row
        if (row is null) db.PasswordPolicies.Add(row = new PasswordPolicyRow());
        else db.ExpectVersion(row, req.Version);
        row.Set(policy);
        row.UpdatedAt = time.UtcNow();
        row.UpdatedBy = by;
        await db.SaveChangesAsync(ct);
        _saved = policy;
        _loadedAt = time.GetTimestamp();
        return policy;
    }
}

/// <summary>
/// Identity's user manager under the policy in force: password length and lockout come from <see cref="PasswordPolicies"/>,
/// and every password set records when, so expiry is counted from it.
/// </summary>
public sealed class AppUserManager : UserManager<AppUser>
{
    public AppUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
        IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer normalizer,
        IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger, PasswordPolicies policies)
        : base(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
    {
        Time = services.GetRequiredService<TimeProvider>();
        var o = options.Value;
        var p = Policy = policies.Current;
        // a copy per request: the shared options stay as configured
        Options = new IdentityOptions
        {
            ClaimsIdentity = o.ClaimsIdentity, User = o.User, SignIn = o.SignIn, Tokens = o.Tokens, Stores = o.Stores,
            Password = new PasswordOptions
            {
                RequiredLength = p.MinLength, RequiredUniqueChars = o.Password.RequiredUniqueChars, RequireDigit = o.Password.RequireDigit,
                RequireLowercase = o.Password.RequireLowercase, RequireUppercase = o.Password.RequireUppercase,
                RequireNonAlphanumeric = o.Password.RequireNonAlphanumeric,
            },
            Lockout = new LockoutOptions
            {
                AllowedForNewUsers = o.Lockout.AllowedForNewUsers, MaxFailedAccessAttempts = p.MaxFailedAttempts,
                DefaultLockoutTimeSpan = TimeSpan.FromMinutes(p.LockoutMinutes),
            },
        };
    }

    /// <summary>The policy this request runs under.</summary>
    public PasswordPolicy Policy { get; }

    /// <summary>The app's clock: when accounts are made and passwords set.</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// A password someone else sets (an administrator creating or resetting an account, the installation): under the
    /// policy's <see cref="PasswordPolicy.ChangeInitial"/>, or when <paramref name="alwaysChange"/>, the user changes it at the next sign-in.
    /// </summary>
    public async Task<IdentityResult> SetForUserAsync(AppUser user, string password, bool alwaysChange = false)
    {
        user.MustChangePassword = alwaysChange || Policy.ChangeInitial;
        if (user.Id == 0) return await CreateAsync(user, password);
        return await ResetPasswordAsync(user, await GeneratePasswordResetTokenAsync(user), password);
    }

    /// <summary>
    /// The authenticator key 安全设置 shows before 两步验证 is enabled, made on first view. Not a security event: unlike
    /// Identity's reset, it leaves the security stamp (and so the account's sessions and tokens) as they are.
    /// </summary>
    public async Task<string> AuthenticatorKeyAsync(AppUser user)
    {
        if (await GetAuthenticatorKeyAsync(user) is { Length: > 0 } key) return key;
        await ((IUserAuthenticatorKeyStore<AppUser>)Store).SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        CreateUser.Check(await UpdateAsync(user));
        return (await GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The user's own change: the new password differs from the current one, and nothing more is owed.</summary>
    public override Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword) =>
        currentPassword == newPassword
            ? Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordReused", Description = "新密码不能与当前密码相同" }))
            : Setting(user, false, () => base.ChangePasswordAsync(user, currentPassword, newPassword));

    public override Task<IdentityResult> CreateAsync(AppUser user, string password) =>
        Setting(user, user.MustChangePassword, () => base.CreateAsync(user, password));

    public override Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string newPassword) =>
        Setting(user, user.MustChangePassword, () => base.ResetPasswordAsync(user, token, newPassword));

    public override Task<IdentityResult> AddPasswordAsync(AppUser user, string password) =>
        Setting(user, user.MustChangePassword, () => base.AddPasswordAsync(user, password));

    /// <summary>Every password set records when (expiry counts from it) and whether it is owed; saved with it, or put back.</summary>
    private async Task<IdentityResult> Setting(AppUser user, bool mustChange, Func<Task<IdentityResult>> set)
    {
        var before = (user.PasswordChangedAt, user.MustChangePassword);
        (user.PasswordChangedAt, user.MustChangePassword) = (Time.UtcNow(), mustChange);
        var result = await set();
        if (!result.Succeeded) (user.PasswordChangedAt, user.MustChangePassword) = before;
        return result;
    }
}
