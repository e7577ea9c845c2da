// `--demo` is a switch, not a key/value pair, so take it out before configuration reads the command line.
var demo = args.Contains("--demo");
args = args.Where(a => a != "--demo").ToArray();

// `verify-rollups --rebuild` likewise: the command reads its switch, configuration must not take the next argument as its value.
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--rebuild").ToArray());
if (demo) builder.Configuration["Lianfang:Demo"] = "true";
builder.AddLianfang();
var app = builder.Build();

// Command-line verbs (`migrate`, `verify-audit`, `verify-rollups`, `backup FILE`, `restore FILE`) run against the configured database and exit.
if (args.Length > 0 && !args[0].StartsWith('-'))
    return await CommandLine.RunAsync(app, args);

await Startup.PrepareDatabaseAsync(app);
app.UseLianfang();
await app.RunAsync();
return 0;

public partial class Program;
