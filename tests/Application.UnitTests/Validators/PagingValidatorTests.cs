using FluentValidation.Results;
using Workflows.Application.Common.Paging;
using Workflows.Application.Members.Queries.ListMembers;
using Workflows.Application.Tasks.Queries.ListTasks;
using Workflows.Application.Workflows.Queries.ListWorkflows;
using Workflows.Application.Workspaces.Queries.ListMyWorkspaces;

namespace Workflows.Application.UnitTests.Validators;

/// <summary>Every list takes <c>?limit=</c> from 1 to 200 and a cursor of bounded size.</summary>
public sealed class PagingValidatorTests
{
    public static IEnumerable<TestCaseData> Lists()
    {
        yield return new TestCaseData(new Func<int, string?, ValidationResult>((limit, cursor) =>
            new ListWorkflowsValidator().Validate(new ListWorkflowsQuery(Guid.NewGuid(), Limit: limit, Cursor: cursor)))).SetArgDisplayNames("workflows");
        yield return new TestCaseData(new Func<int, string?, ValidationResult>((limit, cursor) =>
            new ListTasksValidator().Validate(new ListTasksQuery(Guid.NewGuid(), 1, limit, cursor)))).SetArgDisplayNames("tasks");
        yield return new TestCaseData(new Func<int, string?, ValidationResult>((limit, cursor) =>
            new ListMembersValidator().Validate(new ListMembersQuery(Guid.NewGuid(), limit, cursor)))).SetArgDisplayNames("members");
        yield return new TestCaseData(new Func<int, string?, ValidationResult>((limit, cursor) =>
            new ListMyWorkspacesValidator().Validate(new ListMyWorkspacesQuery(limit, cursor)))).SetArgDisplayNames("workspaces");
    }

    [TestCaseSource(nameof(Lists))]
    public void Validate_LimitWithinOneTo200_IsValid(Func<int, string?, ValidationResult> validate)
    {
        Assert.That(Keys(validate(1, null)), Is.Empty);
        Assert.That(Keys(validate(Paging.DefaultLimit, "abc.def")), Is.Empty);
        Assert.That(Keys(validate(200, null)), Is.Empty);
    }

    [TestCaseSource(nameof(Lists))]
    public void Validate_LimitOutsideOneTo200_IsAnErrorOnLimit(Func<int, string?, ValidationResult> validate)
    {
        Assert.That(Keys(validate(0, null)), Is.EqualTo(new[] { "limit" }));
        Assert.That(Keys(validate(201, null)), Is.EqualTo(new[] { "limit" }));
        Assert.That(Keys(validate(-1, null)), Is.EqualTo(new[] { "limit" }));
    }

    [TestCaseSource(nameof(Lists))]
    public void Validate_OversizedCursor_IsAnErrorOnCursor(Func<int, string?, ValidationResult> validate)
    {
        Assert.That(Keys(validate(50, new string('a', 1_001))), Is.EqualTo(new[] { "cursor" }));
    }

    private static IEnumerable<string> Keys(ValidationResult result) =>
        new RequestValidationException(result.Errors).Errors.Keys;
}
