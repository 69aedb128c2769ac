namespace Workflows.Application.Common.Paging;

/// <summary>The paging part of a list request: <c>?limit=</c> (1–200, default 50) and <c>?cursor=</c>.</summary>
public interface IPagedRequest
{
    int Limit { get; }
    string? Cursor { get; }
}

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

/// <summary>Checks the paging fields of every list request.</summary>
public static class PagedRequestRules
{
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPagedRequest
    {
        validator.RuleFor(x => x.Limit)
            .InclusiveBetween(1, Paging.MaxLimit)
            .WithName("limit")
            .WithMessage($"'limit' must be between 1 and {Paging.MaxLimit}.");
        validator.RuleFor(x => x.Cursor)
            .Must(c => c is null || (c.Length <= 1_000 && Text.Violation(c, TextKind.SingleLine) is null))
            .WithName("cursor")
            .WithMessage("'cursor' is not a cursor this service issued.");
    }
}
