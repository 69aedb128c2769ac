using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Namotion.Reflection;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace Workflows.Api.OpenApi;

/// <summary>
/// Summaries, descriptions and tags from the actions' and controllers' doc comments, as Markdown:
/// source line breaks become spaces, each <c>&lt;para&gt;</c> a paragraph, <c>&lt;c&gt;</c> code.
/// An operation has one tag: its controller's, or the action's own <c>[Tags]</c>.
/// </summary>
public sealed partial class Descriptions : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (context.MethodInfo.GetXmlDocsElement() is { } docs)
        {
            if (docs.Element("summary") is { } summary) operation.Summary = Markdown(summary);
            if (docs.Element("remarks") is { } remarks) operation.Description = Markdown(remarks);
        }

        // An action's own [Tags] replace its controller's rather than adding to them.
        if (context.MethodInfo.GetCustomAttributes(typeof(TagsAttribute), false) is [TagsAttribute own])
            operation.Tags = [.. own.Tags];

        // A tag is described by the controller that carries it, never by one whose action borrows it
        // (Templates_CreateWorkflow is tagged Workflows, but the Templates controller describes templates).
        var controllerTags = context.ControllerType.GetCustomAttributes(typeof(TagsAttribute), true)
            .OfType<TagsAttribute>().SelectMany(t => t.Tags).ToHashSet();
        foreach (var name in operation.Tags)
        {
            var summary = controllerTags.Contains(name) ? context.ControllerType.GetXmlDocsElement()?.Element("summary") : null;
            var tag = context.Document.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null) context.Document.Tags.Add(new OpenApiTag { Name = name, Description = summary is null ? null : Markdown(summary) });
            else if (tag.Description is null && summary is not null) tag.Description = Markdown(summary);
        }
        return true;
    }

    public static string Markdown(XElement element)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            if (node is XElement { Name.LocalName: "para" } para)
            {
                Flush(current, paragraphs);
                paragraphs.Add(Collapse(Inline(para)));
            }
            else
            {
                current.Append(Inline(node));
            }
        }
        Flush(current, paragraphs);
        return string.Join("\n\n", paragraphs.Where(p => p.Length > 0));
    }

    private static void Flush(StringBuilder text, List<string> paragraphs)
    {
        paragraphs.Add(Collapse(text.ToString()));
        text.Clear();
    }

    private static string Inline(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "c" } code => $"`{code.Value.Trim()}`",
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{reference.Attribute("name")?.Value}`",
        XElement { Name.LocalName: "see" } see when see.Attribute("cref") is { } cref => $"`{cref.Value.Split('.', ':')[^1]}`",
        XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
        XElement element => string.Concat(element.Nodes().Select(Inline)),
        _ => "",
    };

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
