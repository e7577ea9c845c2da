using Lianfang.Core.Access;

namespace Lianfang.Core.Tests.Access;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData(7, 90, 5, 15, "minLength")]
    [InlineData(65, 90, 5, 15, "minLength")]
    [InlineData(12, -1, 5, 15, "expiryDays")]
    [InlineData(12, 366, 5, 15, "expiryDays")]
    [InlineData(12, 90, 2, 15, "maxFailedAttempts")]
    [InlineData(12, 90, 11, 15, "maxFailedAttempts")]
    [InlineData(12, 90, 5, 0, "lockoutMinutes")]
    public void A_policy_a_level_3_system_may_not_run_with_names_the_field(int length, int days, int attempts, int minutes, string field)
    {
        var e = Assert.Throws<DomainException>(() => new PasswordPolicy(length, days, true, attempts, minutes).Checked());
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void The_default_is_a_level_3_policy() => Assert.Same(PasswordPolicy.Default, PasswordPolicy.Default.Checked());

    [Fact]
    public void A_password_expires_on_the_day_its_period_ends_and_never_when_the_period_is_zero_or_its_age_unknown()
    {
        var set = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var policy = PasswordPolicy.Default with { ExpiryDays = 30 };
        Assert.False(policy.Expired(set, set.AddDays(30).AddSeconds(-1)));
        Assert.True(policy.Expired(set, set.AddDays(30)));
        Assert.False((policy with { ExpiryDays = 0 }).Expired(set, set.AddYears(5)));
        Assert.False(policy.Expired(null, set.AddYears(5)));
        Assert.Equal("该账号的密码由管理员设置", policy.Owed(true, set, set));
        Assert.Equal("密码已超过 30 天有效期", policy.Owed(false, set, set.AddDays(31)));
        Assert.Null(policy.Owed(false, set, set.AddDays(29)));
    }
}
