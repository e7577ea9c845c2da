using System.Net;
using System.Net.Http.Headers;
using Lianfang.Web.Tests.Infrastructure;

namespace Lianfang.Web.Tests.Features.Account;

public abstract class AuthApiTests(AppFixture f)
{
    [Fact]
    public async Task Token_is_issued_for_the_right_password_and_opens_the_api()
    {
        var token = await f.Anonymous().Post("/api/v1/auth/token", new { userName = "admin", password = LianfangApp.AdminPassword }).Expect(HttpStatusCode.OK);
        Assert.True(token.GetProperty("expiresIn").GetInt32() > 0);
        var client = f.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        await client.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_password_gets_401_with_a_chinese_problem()
    {
        var problem = await f.Anonymous().Post("/api/v1/auth/token", new { userName = "admin", password = "not-the-password" }).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误", problem.GetProperty("title").GetString());
        await f.Anonymous().Post("/api/v1/auth/token", new { userName = "nobody-here", password = "x" }).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_without_credentials_answers_401_never_a_redirect()
    {
        var client = f.App.CreateClient(new() { AllowAutoRedirect = false });
        var problem = await client.GetAsync("/api/v1/org-units").Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("未登录或登录已过期", problem.GetProperty("title").GetString());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged-token");
        await client.GetAsync("/api/v1/org-units/1").Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var name = $"lock{Guid.NewGuid():N}"[..16];
        await f.CreateUser(new { userName = name, password = LianfangApp.Password, grants = Array.Empty<object>() }).Expect(HttpStatusCode.Created);
        for (var i = 0; i < 5; i++)
            await f.Anonymous().Post("/api/v1/auth/token", new { userName = name, password = "wrong-password-x" }).Expect(HttpStatusCode.Unauthorized);
        var locked = await f.Anonymous().Post("/api/v1/auth/token", new { userName = name, password = LianfangApp.Password }).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("账号已锁定", locked.GetProperty("title").GetString());
    }
}

[Collection("sqlite")] public sealed class AuthApiTests_Sqlite(SqliteFixture f) : AuthApiTests(f);
[Collection("postgres")] public sealed class AuthApiTests_Postgres(PostgresFixture f) : AuthApiTests(f);
