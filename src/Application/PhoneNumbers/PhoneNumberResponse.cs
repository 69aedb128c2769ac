using Workflows.Domain.Resources;

namespace Workflows.Application.PhoneNumbers;

public sealed record PhoneNumberResponse(long Id, string Number, string? Label, DateTime CreatedAt)
{
    public static PhoneNumberResponse From(PhoneNumber p) => new(p.Id, p.Number, p.Label, p.CreatedAt);
}
