var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/", () => "Hello, World!");
app.Run();
