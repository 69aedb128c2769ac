using Workflows.Application.Common.Resources;

namespace Workflows.Application.PhoneNumbers.Queries.GetPhoneNumber;

[RequiresScope(Scope.Read)]
public sealed record GetPhoneNumberQuery(Guid WorkspaceUuid, long PhoneNumberId) : IQuery<PhoneNumberResponse>, IWorkspaceRequest;

public sealed class GetPhoneNumberHandler(IApplicationDbContext db, CurrentMember current)
    : IQueryHandler<GetPhoneNumberQuery, PhoneNumberResponse>
{
    public async ValueTask<PhoneNumberResponse> Handle(GetPhoneNumberQuery query, CancellationToken cancellationToken) =>
        PhoneNumberResponse.From(await db.PhoneNumbers.GetInWorkspaceAsync(query.PhoneNumberId, current.WorkspaceId, "phone number", cancellationToken));
}
