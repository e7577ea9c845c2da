using QRCoder;

namespace Lianfang.Web.Office;

public static class Qr
{
    /// <summary>An inline SVG QR code (attributes only, no inline style, so the CSP holds).</summary>
    public static string Svg(string text, int pixelsPerModule = 3)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
