using Workflows.Application.Common.Paging;
using Workflows.Application.Common.Resources;

namespace Workflows.Application.PhoneNumbers.Queries.ListPhoneNumbers;

[RequiresScope(Scope.Read)]
public sealed record ListPhoneNumbersQuery(Guid WorkspaceUuid, int Limit = Paging.DefaultLimit, string? Cursor = null)
    : IQuery<Page<PhoneNumberResponse>>, IWorkspaceRequest, IPagedRequest;

public sealed class ListPhoneNumbersHandler(IApplicationDbContext db, CurrentMember current, CursorCodec cursors)
    : IQueryHandler<ListPhoneNumbersQuery, Page<PhoneNumberResponse>>
{
    public async ValueTask<Page<PhoneNumberResponse>> Handle(ListPhoneNumbersQuery query, CancellationToken cancellationToken) =>
        await db.PhoneNumbers.PageInWorkspaceAsync(current.WorkspaceId, query, cursors, "phone-numbers", PhoneNumberResponse.From, cancellationToken);
}

public sealed class ListPhoneNumbersValidator : AbstractValidator<ListPhoneNumbersQuery>
{
    public ListPhoneNumbersValidator() => this.AddPagingRules();
}
