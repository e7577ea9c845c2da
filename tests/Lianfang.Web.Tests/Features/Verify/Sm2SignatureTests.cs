using System.Diagnostics;
using System.Net;
using System.Text;
using Lianfang.Web.Tests.Features.Review;
using Lianfang.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianfang.Web.Tests.Features.Verify;

/// <summary>
/// 国密 signatures: every signature of a list's history (the submission and each approval) is a statement signed with the
/// installation's SM2 key that anyone checks offline with OpenSSL's command line; a signature made before SM2 keeps verifying.
/// </summary>
public abstract class Sm2SignatureTests(AppFixture f)
{
    [Fact]
    public async Task Every_signature_of_a_history_verifies_with_the_openssl_command_line_and_a_changed_statement_does_not()
    {
        var s = await WrittenList.ApprovedAsync(f, "国密");
        var codes = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}/history").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Select(h => h.GetProperty("verificationCode").GetString()).OfType<string>().ToList();
        Assert.Equal(1 + WrittenList.Reviewers.Length, codes.Count); // 本人提交 and the four stages
        var published = await f.Anonymous().GetStringAsync("/api/v1/verify/public-key");
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", published);

        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lianfang-sm2-" + Guid.NewGuid().ToString("N"))).FullName;
        var pub = Path.Combine(dir, "pub.pem");
        await File.WriteAllTextAsync(pub, published);
        foreach (var code in codes)
        {
            var verified = await f.Anonymous().GetAsync($"/api/v1/verify/{code}").Expect(HttpStatusCode.OK);
            var sm2 = verified.GetProperty("sm2");
            var statement = sm2.GetProperty("statement").GetString()!;
            Assert.True(sm2.GetProperty("verified").GetBoolean());
            Assert.Equal(published, sm2.GetProperty("publicKey").GetString());
            Assert.Contains($"校验码：{code}", statement);
            Assert.Contains($"清单：{s.List}", statement);
            Assert.Contains($"签字人：{verified.GetProperty("signer").GetString()}", statement);
            Assert.Matches("内容SM3：[0-9a-f]{64}", statement);
            Assert.Contains($"内容SHA-256：{verified.GetProperty("contentHash").GetString()}", statement);

            var text = Path.Combine(dir, code + ".txt");
            var sig = Path.Combine(dir, code + ".der");
            await File.WriteAllBytesAsync(text, Encoding.UTF8.GetBytes(statement));
            await File.WriteAllBytesAsync(sig, Convert.FromBase64String(sm2.GetProperty("signature").GetString()!));
            var (ok, output) = await OpensslVerifyAsync(pub, sig, text);
            Assert.True(ok, $"{code}: {output}");
            Assert.Contains("Verified OK", output);

            // one character changed: the same signature no longer fits
            await File.WriteAllBytesAsync(text, Encoding.UTF8.GetBytes(statement.Replace($"清单：{s.List}", $"清单：{s.List + 1}")));
            Assert.False((await OpensslVerifyAsync(pub, sig, text)).Ok);
        }
    }

    [Fact]
    public async Task A_publication_is_sealed_with_sm2_its_code_is_on_the_public_page_and_says_when_the_list_changed_since()
    {
        var s = await WrittenList.ApprovedAsync(f, "公示签章");
        var office = await f.As(s.W.Users["party_office"]);
        var today = f.App.Today;
        var published = await office.Post($"/api/v1/lists/{s.List}/publish", new { from = today, until = today.AddDays(10) }).Expect(HttpStatusCode.OK);
        var code = published.GetProperty("verificationCode").GetString()!;

        // the public page prints the code; anyone checks it, and the statement with OpenSSL
        var page = await new PageClient(f.Anonymous()).GetAsync($"/public/units/{s.W.U1}");
        Assert.Contains(page.QuerySelectorAll("a.lf-verify-code"), a => a.TextContent == code && a.GetAttribute("href") == $"/Verify?code={code}");
        var verified = await f.Anonymous().GetAsync($"/api/v1/verify/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal("valid", verified.GetProperty("status").GetString());
        Assert.Equal("公示有效：清单现在的内容与公示时完全一致", verified.GetProperty("statusText").GetString());
        Assert.StartsWith("公示（", verified.GetProperty("stage").GetString());
        var sm2 = verified.GetProperty("sm2");
        var statement = sm2.GetProperty("statement").GetString()!;
        Assert.StartsWith("廉防公示签章\n", statement);
        Assert.Contains($"公示期：{today:yyyy-MM-dd}至{today.AddDays(10):yyyy-MM-dd}", statement);
        Assert.Contains($"公示决定人：{verified.GetProperty("signer").GetString()}", statement);
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lianfang-sm2-" + Guid.NewGuid().ToString("N"))).FullName;
        var (pub, sig, text) = (Path.Combine(dir, "pub.pem"), Path.Combine(dir, "sig.der"), Path.Combine(dir, "statement.txt"));
        await File.WriteAllTextAsync(pub, sm2.GetProperty("publicKey").GetString());
        await File.WriteAllBytesAsync(sig, Convert.FromBase64String(sm2.GetProperty("signature").GetString()!));
        await File.WriteAllBytesAsync(text, Encoding.UTF8.GetBytes(statement));
        var (ok, output) = await OpensslVerifyAsync(pub, sig, text);
        Assert.True(ok, output);

        // reopened and changed: the code still proves what was published, and says the list reads otherwise now
        await office.PostAsync($"/api/v1/lists/{s.List}/reopen", null).Expect(HttpStatusCode.OK);
        var after = await f.Anonymous().GetAsync($"/api/v1/verify/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal("altered", after.GetProperty("status").GetString());
        Assert.Contains("公示后已修改", after.GetProperty("statusText").GetString());
        Assert.True(after.GetProperty("sm2").GetProperty("verified").GetBoolean());
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task A_signature_made_before_sm2_still_verifies_by_its_content_hash()
    {
        var s = await WrittenList.ApprovedAsync(f, "旧签字");
        var code = (await f.Observer.GetAsync($"/api/v1/lists/{s.List}/history").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Select(h => h.GetProperty("verificationCode").GetString()).OfType<string>().Last();
        // as an installation upgraded from a release without SM2 holds it (the trail's triggers guard audit rows, not reviews)
        await f.App.WithDbAsync(db => db.Reviews.Where(r => r.VerificationCode == code).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Statement, (string?)null).SetProperty(r => r.StatementSignature, (string?)null).SetProperty(r => r.SigningKeyId, (int?)null)));
        var verified = await f.Anonymous().GetAsync($"/api/v1/verify/{code}").Expect(HttpStatusCode.OK);
        Assert.Equal("valid", verified.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, verified.GetProperty("sm2").ValueKind);
    }

    private static async Task<(bool Ok, string Output)> OpensslVerifyAsync(string pub, string sig, string text)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        // the GM/T 0009 default ID, which OpenSSL 3.0's dgst does not assume by itself
        foreach (var a in new[] { "dgst", "-sm3", "-sigopt", "distid:1234567812345678", "-verify", pub, "-signature", sig, text }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode == 0, output);
    }
}

[Collection("sqlite")] public sealed class Sm2SignatureTests_Sqlite(SqliteFixture f) : Sm2SignatureTests(f);
[Collection("postgres")] public sealed class Sm2SignatureTests_Postgres(PostgresFixture f) : Sm2SignatureTests(f);
