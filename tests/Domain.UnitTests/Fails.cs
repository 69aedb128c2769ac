using NUnit.Framework.Constraints;

namespace Workflows.Domain.UnitTests;

/// <summary>The rule violations callers see as 400s, named by the request field at fault.</summary>
internal static class Fails
{
    public static IResolveConstraint On(string field) =>
        Throws.InstanceOf<RuleViolationException>().With.Property(nameof(RuleViolationException.Field)).EqualTo(field);

    public static IResolveConstraint InvalidReference(string field) =>
        Throws.TypeOf<InvalidReferenceException>().With.Property(nameof(RuleViolationException.Field)).EqualTo(field);
}
