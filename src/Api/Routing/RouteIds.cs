using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Matching;

namespace Workflows.Api.Routing;

/// <summary>
/// The one spelling of an id in an address. An integer id is written in digits, without sign,
/// spaces or leading zeros, and fits in 64 bits; a uuid is 32 hexadecimal digits in the 8-4-4-4-12
/// form (either case). Any other spelling (<c>+27</c>, <c>0x1b</c>, <c> 27</c>, <c>027</c>,
/// <c>{uuid}</c>) names nothing: the route does not match, and the answer is the 404 of an
/// address the service does not serve, the same on every route.
/// </summary>
/// <remarks>
/// <see cref="Convention"/> puts the constraint on every route parameter from the type of the
/// action parameter bound to it (<c>long</c>/<c>int</c>: an id; <c>Guid</c>: a uuid;
/// <c>string</c>: either, as <c>GET /workflows/{workflow_id}</c> takes), and refuses to start when
/// a route parameter is bound to nothing or to another type, so no route escapes the rule.
/// </remarks>
public static partial class RouteIds
{
    public const string Id = "id";
    public const string Uuid = "uuid";
    public const string IdOrUuid = "idOrUuid";

    public static void Register(RouteOptions options)
    {
        options.SetParameterPolicy<IdConstraint>(Id);
        options.SetParameterPolicy<UuidConstraint>(Uuid);
        options.SetParameterPolicy<IdOrUuidConstraint>(IdOrUuid);
    }

    /// <summary>Digits only, no leading zero, at most <see cref="long.MaxValue"/>.</summary>
    public static bool IsId(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 19 || value[0] is < '1' or > '9') return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return value.Length < 19 || value.SequenceCompareTo("9223372036854775807") <= 0;
    }

    /// <summary>8-4-4-4-12 hexadecimal digits.</summary>
    public static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.Length != 36) return false;
        for (var i = 0; i < value.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? value[i] == '-' : char.IsAsciiHexDigit(value[i]);
            if (!ok) return false;
        }
        return true;
    }

    private static bool Matches(object? value, Func<string, bool> check) => value switch
    {
        string s => check(s),
        // Link generation hands over typed values: the form they are written in is the checked one.
        long or int or Guid => check(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => false,
    };

    public sealed class IdConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && Matches(value, static s => IsId(s));

        public bool MatchesLiteral(string parameterName, string literal) => IsId(literal);
    }

    public sealed class UuidConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && Matches(value, static s => IsUuid(s));

        public bool MatchesLiteral(string parameterName, string literal) => IsUuid(literal);
    }

    public sealed class IdOrUuidConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && Matches(value, static s => IsId(s) || IsUuid(s));

        public bool MatchesLiteral(string parameterName, string literal) => IsId(literal) || IsUuid(literal);
    }

    /// <summary>Writes the constraint into every attribute route's parameters, from the parameters the actions bind.</summary>
    public sealed partial class Convention : IApplicationModelConvention
    {
        [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
        private static partial Regex Parameter();

        public void Apply(ApplicationModel application)
        {
            foreach (var controller in application.Controllers)
            {
                // A parameter of the controller's own route is one format for all its actions.
                var shared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var selector in controller.Selectors)
                {
                    if (selector.AttributeRouteModel?.Template is { } template)
                        foreach (Match match in Parameter().Matches(template)) shared.Add(match.Groups["name"].Value);
                }
                var formats = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var action in controller.Actions)
                {
                    foreach (var parameter in action.Parameters)
                    {
                        if (parameter.BindingInfo?.BindingSource != BindingSource.Path) continue;
                        var name = parameter.BindingInfo.BinderModelName ?? parameter.ParameterName;
                        var format = FormatOf(parameter.ParameterType)
                            ?? throw new InvalidOperationException(
                                $"{controller.ControllerName}.{action.ActionName} binds route parameter '{name}' as {parameter.ParameterType.Name}; " +
                                "a route parameter is an id (long), a uuid (Guid) or either (string).");
                        if (!shared.Contains(name)) continue;
                        if (formats.TryGetValue(name, out var other) && other != format)
                            throw new InvalidOperationException($"{controller.ControllerName}'s actions bind its route parameter '{name}' as both {other} and {format}.");
                        formats[name] = format;
                    }
                    foreach (var selector in action.Selectors)
                        Constrain(selector, action.Parameters, controller, action.ActionName);
                }
                foreach (var selector in controller.Selectors)
                {
                    if (selector.AttributeRouteModel is { Template: { } template } route)
                        route.Template = Rewrite(template, name => formats.GetValueOrDefault(name), $"{controller.ControllerName}'s route");
                }
            }
        }

        private static void Constrain(SelectorModel selector, IList<ParameterModel> parameters, ControllerModel controller, string action)
        {
            if (selector.AttributeRouteModel is not { Template: { } template } route) return;
            route.Template = Rewrite(template, name =>
            {
                foreach (var parameter in parameters)
                {
                    if (parameter.BindingInfo?.BindingSource == BindingSource.Path
                        && string.Equals(parameter.BindingInfo.BinderModelName ?? parameter.ParameterName, name, StringComparison.OrdinalIgnoreCase))
                        return FormatOf(parameter.ParameterType);
                }
                return null;
            }, $"{controller.ControllerName}.{action}");
        }

        private static string Rewrite(string template, Func<string, string?> formatOf, string where) =>
            Parameter().Replace(template, match =>
            {
                var name = match.Groups["name"].Value;
                var format = formatOf(name)
                    ?? throw new InvalidOperationException($"{where} has route parameter '{name}' that no action binds; every route parameter must be bound, to be checked.");
                return $"{{{name}:{format}}}";
            });

        private static string? FormatOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(long) || t == typeof(int) => Id,
            var t when t == typeof(Guid) => Uuid,
            var t when t == typeof(string) => IdOrUuid,
            _ => null,
        };
    }
}
