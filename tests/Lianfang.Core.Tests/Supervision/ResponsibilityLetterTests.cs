using Lianfang.Core.Schemes;
using Lianfang.Core.Supervision;

namespace Lianfang.Core.Tests.Supervision;

public class ResponsibilityLetterTests
{
    private static readonly DateOnly Today = new(2026, 4, 10);
    private static readonly DateTime Now = new(2026, 4, 10, 2, 0, 0, DateTimeKind.Utc);

    private static ResponsibilityLetter Letter(int year = 2026, string? duties = "落实一岗双责", string? issuedBy = "张局", DateOnly? signedOn = null) =>
        new(1, 7, "周处长", "财务处处长", year, duties, issuedBy, signedOn ?? new DateOnly(2026, 1, 5), "党办", Today, Now);

    [Fact]
    public void A_letter_holds_its_content_signer_and_a_signing_date_of_its_year()
    {
        var l = Letter();
        Assert.Equal(("周处长", "财务处处长", 2026, "张局", new DateOnly(2026, 1, 5), Now), (l.PersonName, l.PostName, l.Year, l.IssuedBy, l.SignedOn, l.RecordedAt));
        Letter(signedOn: new DateOnly(2025, 12, 28)); // signed at the end of the year before
        Assert.Equal("signedOn", Assert.Throws<DomainException>(() => Letter(signedOn: new DateOnly(2024, 12, 1))).Field);
        Assert.Equal("signedOn", Assert.Throws<DomainException>(() => Letter(signedOn: Today.AddDays(1))).Field);
        Assert.Equal("signedOn", Assert.Throws<DomainException>(() => new ResponsibilityLetter(1, 7, "周处长", "处长", 2026, "x", "张局", null, "党办", Today, Now)).Field);
        Assert.Equal("duties", Assert.Throws<DomainException>(() => Letter(duties: " ")).Field);
        Assert.Equal("issuedBy", Assert.Throws<DomainException>(() => Letter(issuedBy: null)).Field);
        Assert.Equal("year", Assert.Throws<DomainException>(() => Letter(year: 2028)).Field);
    }

    [Theory]
    [InlineData(1, "2026-03-31")]
    [InlineData(2, "2026-06-30")]
    [InlineData(4, "2026-12-31")]
    public void The_letters_are_due_at_the_end_of_the_rules_quarter(int quarter, string due) =>
        Assert.Equal(DateOnly.Parse(due), ResponsibilityLetter.Deadline(2026, quarter));

    [Fact]
    public void An_unsigned_cadre_is_reminded_before_the_deadline_flagged_after_and_a_signed_one_is_not()
    {
        var deadline = new DateOnly(2026, 3, 31);
        LetterFact Fact(bool signed) => new(7, 3, "周处长", "财务处处长", "卫健委", 2026, deadline, signed);
        var before = Assert.Single(WarningRules.Letters([Fact(false), Fact(true) with { PersonId = 8 }], new DateOnly(2026, 2, 1)));
        Assert.Equal((WarningRules.LetterDue, "Person", 7L), (before.Rule, before.TargetType, before.TargetId));
        Assert.Contains("尚未签订，请于 2026-03-31 前签订", before.Message);
        Assert.Contains("逾期未签订", Assert.Single(WarningRules.Letters([Fact(false)], new DateOnly(2026, 4, 1))).Message);
        Assert.Empty(WarningRules.Letters([Fact(true)], new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void The_rule_covers_the_tiers_it_names_and_refuses_one_that_does_not_exist()
    {
        var s = Presets.Find("longsheng-2012")! with { Code = "custom", BuiltIn = false };
        Assert.Equal("Leader,Middle", s.Rule(RuleKinds.ResponsibilityLetters)!.Parameters["tiers"]);
        var bad = s with { Rules = [.. s.Rules.Where(r => r.Kind != RuleKinds.ResponsibilityLetters),
            new SchemeRule { Kind = RuleKinds.ResponsibilityLetters, Text = "签订责任书", Parameters = new Dictionary<string, string> { ["tiers"] = "Leader,Clerk" } }] };
        var e = Assert.Throws<DomainException>(() => SchemeValidator.Validate(bad));
        Assert.Contains("岗位层面“Clerk”不存在", e.Message);
    }
}
