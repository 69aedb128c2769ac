using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Validators;
using NJsonSchema;
using NJsonSchema.Generation;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Workflows.Application.Common.Validation;
using Workflows.Application.Workflows.Commands.CreateWorkflow;

namespace Workflows.Api.OpenApi;

/// <summary>
/// Every limit the request validators enforce, read from the validators themselves (their
/// descriptors), so that the document cannot state another: a text rule's length
/// (<see cref="ILengthValidator"/>: <c>minLength</c>/<c>maxLength</c>), a list's most items
/// (<see cref="IMaxItemsValidator"/>: <c>maxItems</c>) and a number's range
/// (<see cref="IBetweenValidator"/>, <see cref="IComparisonValidator"/>: <c>minimum</c>/<c>maximum</c>).
/// A rule on <c>Body.Name</c> of a command is a limit of its body's <c>name</c>; a rule on
/// <c>Limit</c> of a query is a limit of the query parameter <c>limit</c>. Text lengths count code
/// points, as JSON Schema's <c>maxLength</c> does.
/// </summary>
public static class ValidationLimits
{
    /// <summary>The limits of one field, as the document states them.</summary>
    public sealed record Limits(int? MinLength = null, int? MaxLength = null, decimal? Minimum = null, decimal? Maximum = null, int? MaxItems = null)
    {
        public Limits With(Limits other) => new(
            other.MinLength ?? MinLength, other.MaxLength ?? MaxLength, other.Minimum ?? Minimum, other.Maximum ?? Maximum, other.MaxItems ?? MaxItems);

        public bool IsEmpty => this == new Limits();

        /// <summary>States these limits on <paramref name="schema"/> (a property's or a parameter's).</summary>
        public void ApplyTo(JsonSchema schema)
        {
            if (MinLength is > 0) schema.MinLength = MinLength;
            if (MaxLength is { } maxLength) schema.MaxLength = maxLength;
            if (Minimum is { } minimum) schema.Minimum = minimum;
            if (Maximum is { } maximum) schema.Maximum = maximum;
            if (MaxItems is { } maxItems) schema.MaxItems = maxItems;
        }
    }

    private static readonly Lazy<IReadOnlyDictionary<Type, IReadOnlyDictionary<string, Limits>>> ByType = new(Read);

    /// <summary>The limits of <paramref name="type"/>'s properties, by property name (as the CLR spells it).</summary>
    public static IReadOnlyDictionary<string, Limits> Of(Type type) =>
        ByType.Value.TryGetValue(type, out var limits) ? limits : new Dictionary<string, Limits>();

    /// <summary>Every type with limits: the validated requests, their bodies and the values inside them.</summary>
    public static IReadOnlyDictionary<Type, IReadOnlyDictionary<string, Limits>> All => ByType.Value;

    /// <summary>The limits one validator component states, or null when it states none the document can carry.</summary>
    public static Limits? Of(IPropertyValidator validator) => validator switch
    {
        ILengthValidator length => new Limits(MinLength: length.Min, MaxLength: length.Max > 0 ? length.Max : null),
        IMaxItemsValidator items => new Limits(MaxItems: items.MaxItems),
        IBetweenValidator between when validator.Name == "InclusiveBetweenValidator" && Number(between.From) is { } from && Number(between.To) is { } to =>
            new Limits(Minimum: from, Maximum: to),
        IComparisonValidator { Comparison: Comparison.GreaterThanOrEqual } c when Number(c.ValueToCompare) is { } v => new Limits(Minimum: v),
        IComparisonValidator { Comparison: Comparison.LessThanOrEqual } c when Number(c.ValueToCompare) is { } v => new Limits(Maximum: v),
        _ => null,
    };

    private static decimal? Number(object? value) => value switch
    {
        int i => i,
        long l => l,
        decimal d => d,
        double d when double.IsFinite(d) => (decimal)d,
        _ => null,
    };

    private static IReadOnlyDictionary<Type, IReadOnlyDictionary<string, Limits>> Read()
    {
        var found = new Dictionary<Type, Dictionary<string, Limits>>();
        foreach (var validatorType in typeof(CreateWorkflowCommand).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t)
                         && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            var validator = (IValidator)Activator.CreateInstance(validatorType)!;
            foreach (var rule in validator.CreateDescriptor().Rules)
            {
                if (rule.Expression is null || Owner(rule.Expression.Body) is not var (owner, property)) continue;
                foreach (var component in rule.Components)
                {
                    if (Of(component.Validator) is not { } limits) continue;
                    var properties = found.TryGetValue(owner, out var p) ? p : found[owner] = [];
                    properties[property] = properties.TryGetValue(property, out var known) ? known.With(limits) : limits;
                }
            }
        }
        return found.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, Limits>)f.Value);
    }

    /// <summary>
    /// The type and property a rule's expression names: <c>x.Body.Name</c> is <c>Name</c> of the
    /// body's type, <c>x.Body.Name.Value</c> the same through an <see cref="Optional{T}"/>, <c>x.Limit</c> the query's.
    /// </summary>
    private static (Type Owner, string Property)? Owner(Expression expression)
    {
        if (expression is not MemberExpression { Member: PropertyInfo property } member) return null;
        if (property.Name == nameof(Optional<object>.Value) && IsOptional(property.DeclaringType!)) return Owner(member.Expression!);
        // The type read, not an interface declaring it (a rule shared by generic T : IPagedRequest reads (IPagedRequest)x).
        var read = member.Expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Expression!;
        return (read.Type, property.Name);
    }

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    /// <summary>States the limits of a body's (or a value's) properties on its schema.</summary>
    public sealed class SchemaProcessor : ISchemaProcessor
    {
        public void Process(SchemaProcessorContext context)
        {
            var limits = Of(context.ContextualType.Type);
            if (limits.Count == 0) return;
            foreach (var (name, propertyLimits) in limits)
            {
                if (context.Schema.Properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(name), out var schema)) propertyLimits.ApplyTo(schema);
            }
        }
    }

    /// <summary>
    /// States the limits of an operation's query parameters: those of the validated query that
    /// takes every one of them (the smallest such, and all such must agree).
    /// </summary>
    public sealed class QueryParameters : IOperationProcessor
    {
        public bool Process(OperationProcessorContext context)
        {
            var parameters = context.OperationDescription.Operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query).ToList();
            if (parameters.Count == 0) return true;
            var names = parameters.Select(p => p.Name).ToList();
            var candidates = All
                .Where(t => names.All(n => t.Key.GetProperty(n, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null))
                .ToList();
            foreach (var parameter in parameters)
            {
                var stated = candidates
                    .Select(c => c.Value.FirstOrDefault(p => string.Equals(p.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value)
                    .Where(l => l is not null)
                    .Distinct()
                    .ToList();
                if (stated.Count > 1)
                    throw new InvalidOperationException($"The queries that take '{parameter.Name}' of {context.OperationDescription.Path} validate it differently.");
                if (stated.Count == 1 && parameter.Schema is { } schema) stated[0].ApplyTo(schema);
            }
            return true;
        }
    }
}
