namespace Lianfang.Core.Review;

/// <summary>
/// An act sealed with the installation's SM2 key (国密): a review signature or a 公示. It names itself in a statement
/// (the exact UTF-8 text signed, with the SM3 digest of the list's content) that anyone checks offline against the
/// published public key. Acts made before SM2 carry none.
/// </summary>
public interface ISignedStatement
{
    string? Statement { get; }
    /// <summary>The SM2 signature of <see cref="Statement"/>, DER, base64.</summary>
    string? StatementSignature { get; }
    /// <summary>Which of the installation's signing keys made it.</summary>
    int? SigningKeyId { get; }

    /// <summary>The statement this act makes, given the SM3 digest of the list's content.</summary>
    string StatementText(string contentSm3);

    void Seal(string statement, string signature, int keyId);
}
