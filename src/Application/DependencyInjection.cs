using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Common.Paging;

namespace Workflows.Application;

public static class DependencyInjection
{
    /// <summary>Validators and request-scoped state. The mediator and its pipeline are wired by the host.</summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, byte[] cursorKey)
    {
        ValidatorOptions.Global.LanguageManager.Enabled = false;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            FieldName(expression) ?? (member is null ? null : JsonName(member.Name));

        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly(), ServiceLifetime.Singleton);
        services.AddScoped<CurrentMember>();
        services.AddScoped<CurrentWorkflow>();
        services.AddScoped<Common.Idempotency.IdempotencyContext>();
        services.AddScoped<Common.Telemetry.DomainCounters>();
        services.AddScoped<Common.Audit.AuditTrail>();
        services.AddSingleton(new CursorCodec(cursorKey));
        return services;
    }

    /// <summary>
    /// <c>x => x.Body.Name</c> and <c>x => x.Body.Name.Value</c> (an optional PUT field) both
    /// report as <c>name</c>: the field as the caller sent it.
    /// </summary>
    private static string? FieldName(System.Linq.Expressions.LambdaExpression? expression)
    {
        var names = new List<string>();
        for (var e = expression?.Body as System.Linq.Expressions.MemberExpression; e is not null; e = e.Expression as System.Linq.Expressions.MemberExpression)
            names.Insert(0, e.Member.Name);
        names.RemoveAll(n => n == "Body");
        if (names.Count > 1 && names[^1] == "Value") names.RemoveAt(names.Count - 1);
        return names.Count == 0 ? null : JsonName(names[^1]);
    }

    /// <summary>Field names in errors are the JSON (camelCase) names callers send.</summary>
    public static string JsonName(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
