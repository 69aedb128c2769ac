namespace Workflows.Application.Common.Models;

/// <summary>
/// A body field that may be absent. PUT changes only the fields a caller sent: an absent field is
/// <see cref="HasValue"/> false, a field sent as <c>null</c> is present with a null value.
/// </summary>
public readonly record struct Optional<T>
{
    private readonly T _value;

    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    public bool HasValue { get; }

    /// <summary>The value sent; default when the field was not sent (check <see cref="HasValue"/> first).</summary>
    public T Value => _value;

    public T Or(T fallback) => HasValue ? _value : fallback;

    public static implicit operator Optional<T>(T value) => new(value);

    public override string ToString() => HasValue ? $"{_value}" : "(absent)";
}
