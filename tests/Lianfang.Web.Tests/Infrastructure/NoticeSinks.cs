using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lianfang.Web.Tests.Infrastructure;

/// <summary>A local SMTP server that accepts every message and keeps it (recipients and the raw DATA), for the notice tests.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public sealed record Mail(IReadOnlyList<string> To, string Data)
    {
        /// <summary>The decoded subject and body (the client writes UTF-8 as base64 or quoted-printable).</summary>
        public string Text => Decode(Data);
    }

    public ConcurrentQueue<Mail> Mails { get; } = new();
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public SmtpSink()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var cmd = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (cmd)
            {
                case "EHLO": await writer.WriteLineAsync("250-sink\r\n250 OK"); break;
                case "HELO": await writer.WriteLineAsync("250 sink"); break;
                case "MAIL": to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to.Add(line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>')); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go on");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } l && l != ".") data.AppendLine(l);
                    Mails.Enqueue(new Mail([.. to], data.ToString()));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    /// <summary>Decodes the RFC 2047 subject and a base64 or quoted-printable body well enough to search them.</summary>
    private static string Decode(string data)
    {
        // adjacent encoded words of a folded header join without the space between them (RFC 2047)
        data = System.Text.RegularExpressions.Regex.Replace(data, @"(\?=)\r?\n[ \t]+(=\?)", "$1$2");
        var text = System.Text.RegularExpressions.Regex.Replace(data, @"=\?utf-8\?(B|Q)\?([^?]*)\?=", m => m.Groups[1].Value.ToUpperInvariant() == "B"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value))
            : QuotedPrintable(m.Groups[2].Value.Replace('_', ' ')), System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var i and >= 0 ? i : text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) return text;
        var (head, body) = (text[..split], text[split..].Trim());
        if (head.Contains("base64", StringComparison.OrdinalIgnoreCase))
            try { body = Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r", "").Replace("\n", ""))); } catch (FormatException) { }
        else if (head.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase)) body = QuotedPrintable(body.Replace("=\r\n", "").Replace("=\n", ""));
        return head + "\n\n" + body;
    }

    private static string QuotedPrintable(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
            if (s[i] == '=' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2])) { bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
        return Encoding.UTF8.GetString([.. bytes]);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>A local HTTP endpoint that answers 200 to every POST and keeps the bodies: a unit's OA webhook.</summary>
public sealed class WebhookSink : IDisposable
{
    private readonly HttpListener _listener = new();

    public ConcurrentQueue<string> Bodies { get; } = new();
    public string Url { get; }

    public WebhookSink()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/oa/notices/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using (var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8)) Bodies.Enqueue(await reader.ReadToEndAsync());
            ctx.Response.StatusCode = 200;
            ctx.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
