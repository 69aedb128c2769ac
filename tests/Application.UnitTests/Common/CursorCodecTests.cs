using System.Buffers.Text;
using System.Text;
using Workflows.Application.Common.Paging;

namespace Workflows.Application.UnitTests.Common;

/// <summary>Cursors are opaque and signed: anything but an unchanged cursor of the same query is a 400 on <c>cursor</c>.</summary>
public sealed class CursorCodecTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
    private readonly CursorCodec _codec = new(Key);
    private readonly string _query = CursorCodec.Fingerprint("workflows", 1L, 7L, false);

    public sealed record Position(string Name, long Id);

    [Test]
    public void Decode_OfAnEncodedPosition_GivesItBack()
    {
        var cursor = _codec.Encode(_query, 42L);

        Assert.That(_codec.Decode<long>(cursor, _query), Is.EqualTo(42L));
    }

    [Test]
    public void Decode_OfAnEncodedCompositePosition_GivesItBack()
    {
        var cursor = _codec.Encode(_query, new Position("Onboarding", 42));

        Assert.That(_codec.Decode<Position>(cursor, _query), Is.EqualTo(new Position("Onboarding", 42)));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Decode_WithoutCursor_IsTheFirstPage(string? cursor)
    {
        Assert.That(_codec.Decode<long>(cursor, _query), Is.Zero);
    }

    [Test]
    public void Decode_WithEditedPayload_ThrowsOnCursor()
    {
        var (payload, signature) = Split(_codec.Encode(_query, 42L));
        var edited = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)).Replace("42", "43", StringComparison.Ordinal);

        var forged = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(edited))}.{signature}";

        Assert.That(() => _codec.Decode<long>(forged, _query), ThrowsOnCursor());
    }

    [Test]
    public void Decode_WithEditedSignature_ThrowsOnCursor()
    {
        var (payload, signature) = Split(_codec.Encode(_query, 42L));
        var bytes = Base64Url.DecodeFromChars(signature);
        bytes[0] ^= 0x01;

        var forged = $"{payload}.{Base64Url.EncodeToString(bytes)}";

        Assert.That(() => _codec.Decode<long>(forged, _query), ThrowsOnCursor());
    }

    [Test]
    public void Decode_OfCursorSignedWithAnotherKey_ThrowsOnCursor()
    {
        var cursor = new CursorCodec(new byte[32]).Encode(_query, 42L);

        Assert.That(() => _codec.Decode<long>(cursor, _query), ThrowsOnCursor());
    }

    [Test]
    public void Decode_OfCursorOfAnotherQuery_ThrowsOnCursor()
    {
        // Same list, another filter: the position would be meaningless there.
        var archivedQuery = CursorCodec.Fingerprint("workflows", 1L, 7L, true);
        var cursor = _codec.Encode(archivedQuery, 42L);

        Assert.That(() => _codec.Decode<long>(cursor, _query), ThrowsOnCursor());
    }

    [Test]
    public void Decode_OfCursorWithAnotherPositionType_ThrowsOnCursor()
    {
        var cursor = _codec.Encode(_query, new Position("Onboarding", 42));

        Assert.That(() => _codec.Decode<long>(cursor, _query), ThrowsOnCursor());
    }

    [TestCase("garbage")]
    [TestCase(".")]
    [TestCase(".abc")]
    [TestCase("abc.")]
    [TestCase("a.b")]
    [TestCase("!!!.???")]
    [TestCase("eyJRdWVyeSI6InEifQ.AAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("a.b.c")]
    public void Decode_OfGarbage_ThrowsOnCursor(string cursor)
    {
        Assert.That(() => _codec.Decode<long>(cursor, _query), ThrowsOnCursor());
    }

    [Test]
    public void Fingerprint_DiffersWithTheFilters()
    {
        // Recomputed on every page, so the same filters must give the same fingerprint.
        var firstPage = CursorCodec.Fingerprint("workflows", 1L, false);
        var nextPage = CursorCodec.Fingerprint("workflows", 1L, false);
        Assert.That(nextPage, Is.EqualTo(firstPage));
        Assert.That(CursorCodec.Fingerprint("workflows", 1L, false), Is.Not.EqualTo(CursorCodec.Fingerprint("workflows", 1L, true)));
        Assert.That(CursorCodec.Fingerprint("workflows", 1L), Is.Not.EqualTo(CursorCodec.Fingerprint("tasks", 1L)));
    }

    private static (string Payload, string Signature) Split(string cursor)
    {
        var parts = cursor.Split('.');
        Assert.That(parts, Has.Length.EqualTo(2), "a cursor is payload.signature");
        return (parts[0], parts[1]);
    }

    private static NUnit.Framework.Constraints.IResolveConstraint ThrowsOnCursor() =>
        Throws.TypeOf<RequestValidationException>().With.Property(nameof(RequestValidationException.Errors)).ContainKey("cursor");
}
