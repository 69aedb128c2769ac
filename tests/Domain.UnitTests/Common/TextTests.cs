using Workflows.Domain.Resources;
using Workflows.Domain.Workspaces;

namespace Workflows.Domain.UnitTests.Common;

/// <summary>The one definition of acceptable text, and the keys names and addresses are compared by.</summary>
public sealed class TextTests
{
    [TestCase("Café", "Cafe\u0301", TestName = "composed and decomposed accents")]
    [TestCase("ACME", "ＡＣＭＥ", TestName = "fullwidth letters")]
    [TestCase("file", "ﬁle", TestName = "a ligature")]
    [TestCase("Invoice", "In\u200Bvoice", TestName = "a zero-width space")]
    [TestCase("Invoice", "\uFEFFInvoice", TestName = "a byte order mark")]
    [TestCase("Invoice", "Invoice\u2060\u00AD", TestName = "a word joiner and a soft hyphen")]
    [TestCase("invoice", "INVOICE", TestName = "case")]
    [TestCase("Ärger", "äRGER", TestName = "case of a letter outside ASCII")]
    [TestCase("Invoice approval", "Invoice\u00A0approval", TestName = "a no-break space")]
    public void NameKey_OfNamesThatLookTheSame_IsOneKey(string name, string lookAlike)
    {
        Assert.That(Text.NameKey(lookAlike), Is.EqualTo(Text.NameKey(name)));
    }

    [TestCase("Invoice", "Invoices")]
    [TestCase("onboarding", "on boarding")]
    [TestCase("Résumé", "Resume")]
    public void NameKey_OfDifferentNames_Differs(string name, string other)
    {
        Assert.That(Text.NameKey(other), Is.Not.EqualTo(Text.NameKey(name)));
    }

    [TestCase("\u200B\u200C\u200D")]
    [TestCase("\uFEFF")]
    [TestCase("\u3164\u115F")]
    [TestCase(" \u2060 \uFE0F ")]
    public void NameKey_OfInvisibleCharactersOnly_IsEmpty(string name)
    {
        Assert.That(Text.NameKey(name), Is.Empty);
    }

    [TestCase("line\nbreak")]
    [TestCase("carriage\rreturn")]
    [TestCase("nul\0")]
    [TestCase("tab\there")]
    [TestCase("escape\u001B[31m")]
    [TestCase("delete\u007F")]
    [TestCase("c1\u0085next line")]
    [TestCase("line\u2028separator")]
    [TestCase("invoice\u202Efdp.exe")]
    [TestCase("\u2066isolate\u2069")]
    [TestCase("mark\u200E")]
    [TestCase("mark\u200F")]
    [TestCase("arabic letter mark\u061C")]
    public void SingleLine_RefusesControlLineBreakAndBidiCharacters(string value)
    {
        Assert.That(Text.Violation(value, TextKind.SingleLine), Is.Not.Null);
    }

    [TestCase("Café au lait")]
    [TestCase("Ünïcödé 名前 🚀 👨‍👩‍👧")]
    [TestCase("עברית and English")]
    [TestCase("Zero\u200Bwidth")]
    public void SingleLine_AcceptsPrintableTextOfAnyScript(string value)
    {
        Assert.That(Text.Violation(value, TextKind.SingleLine), Is.Null);
    }

    [TestCase("nul\0")]
    [TestCase("bell\u0007")]
    [TestCase("escape\u001B")]
    [TestCase("vertical\vtab")]
    public void MultiLine_RefusesC0ControlsOtherThanTabAndLineBreaks(string value)
    {
        Assert.That(Text.Violation(value, TextKind.MultiLine), Is.Not.Null);
    }

    [TestCase(TextKind.SingleLine, 0xD800)]
    [TestCase(TextKind.SingleLine, 0xDC00)]
    [TestCase(TextKind.MultiLine, 0xD800)]
    [TestCase(TextKind.MultiLine, 0xDFFF)]
    public void UnpairedSurrogates_AreRefused(TextKind kind, int surrogate)
    {
        Assert.That(Text.Violation("not " + (char)surrogate + " Unicode", kind), Is.Not.Null);
    }

    [Test]
    public void MultiLine_AcceptsTabsAndLineBreaks()
    {
        Assert.That(Text.Violation("First line\r\n\tSecond line\nThird", TextKind.MultiLine), Is.Null);
    }

    [TestCase("👍", 1)]
    [TestCase("e\u0301", 1)]
    [TestCase("Café", 4)]
    [TestCase("👨‍👩‍👧", 5)]
    public void Length_CountsCodePointsOfTheNfcForm(string value, int length)
    {
        Assert.That(Text.Length(value), Is.EqualTo(length));
    }

    [Test]
    public void Workflow_StoresItsNameInNfc_AndItsKey()
    {
        var workflow = Build.Workflow("  Cafe\u0301 orders ");

        Assert.That(workflow.Name, Is.EqualTo("Caf\u00E9 orders"));
        Assert.That(workflow.NormalizedName, Is.EqualTo("CAF\u00C9 ORDERS"));
    }

    [TestCase("invoice\u202Efdp.exe")]
    [TestCase("two\nlines")]
    [TestCase("\u200B\u2060")]
    [TestCase("\u3164")]
    public void Workflow_RefusesANameWithBidiOrControlCharacters_OrNothingVisible(string name)
    {
        Assert.That(() => Build.Workflow(name), Fails.On("name"));
    }

    [Test]
    public void Workflow_NameLimit_CountsCodePoints()
    {
        var emoji = string.Concat(Enumerable.Repeat("🚀", WorkflowLimits.NameMaxLength));

        Assert.That(Build.Workflow(emoji).Name, Is.EqualTo(emoji));
        Assert.That(() => Build.Workflow(emoji + "🚀"), Fails.On("name"));
    }

    [Test]
    public void Task_RefusesANulInItsDescription_AndKeepsLineBreaks()
    {
        var workflow = Build.Workflow();

        Assert.That(() => workflow.AddTask(new TaskDetails("Greet", "a\0b", null, null, null), Array.Empty<long>()), Fails.On("description"));
        var task = workflow.AddTask(new TaskDetails("Greet", "First\r\n\tSecond", null, null, null), Array.Empty<long>());
        Assert.That(task.Description, Is.EqualTo("First\r\n\tSecond"));
    }

    [Test]
    public void Member_RefusesControlCharactersInItsDisplayNameAndObjectId()
    {
        var workspace = Workspace.Create("Acme");

        Assert.That(() => Member.Create(workspace, MemberKind.Person, "Ann\nAdmin", Guid.NewGuid().ToString(), MemberRole.Member), Fails.On("displayName"));
        Assert.That(() => Member.Create(workspace, MemberKind.Person, "Ann", "oid\0", MemberRole.Member), Fails.On("objectId"));
    }

    [TestCase("+442071234567", "+442071234567")]
    [TestCase("+44 20 7123 4567", "+442071234567")]
    [TestCase(" +44 (20) 7123-4567 ", "+442071234567")]
    [TestCase("+1.415.555.0123", "+14155550123")]
    [TestCase("+6837123", "+6837123")]
    public void PhoneNumber_IsStoredInE164(string written, string stored)
    {
        Assert.That(PhoneNumber.Canonical(written), Is.EqualTo(stored));
        Assert.That(PhoneNumber.Create(Build.WorkspaceId, written, null).Number, Is.EqualTo(stored));
    }

    [TestCase("442071234567")]
    [TestCase("0044 20 7123 4567")]
    [TestCase("+0442071234567")]
    [TestCase("+123456")]
    [TestCase("+1234567890123456")]
    [TestCase("+44 20 7123 4567 ext 9")]
    [TestCase("+44\u00A020\u00A07123\u00A04567")]
    [TestCase("+٤٤٢٠٧١٢٣٤٥٦٧")]
    [TestCase("+44 20 7123 4567\n")]
    public void PhoneNumber_NotInInternationalForm_IsRefused(string written)
    {
        Assert.That(PhoneNumber.Canonical(written), Is.Null);
        Assert.That(() => PhoneNumber.Create(Build.WorkspaceId, written, null), Fails.On("number"));
    }

    [Test]
    public void PhoneNumberAndInbox_RefuseALabelOnTwoLines()
    {
        Assert.That(() => PhoneNumber.Create(Build.WorkspaceId, "+442071234567", "Support\nline"), Fails.On("label"));
        Assert.That(() => Inbox.Create(Build.WorkspaceId, "support@acme.example", "Support\u202E"), Fails.On("label"));
    }

    [Test]
    public void Inbox_AddressesThatDifferInCase_HaveOneKey_AndKeepTheirSpelling()
    {
        var inbox = Inbox.Create(Build.WorkspaceId, "Support@Acme.example", null);

        Assert.That(inbox.Address, Is.EqualTo("Support@Acme.example"));
        Assert.That(inbox.AddressKey, Is.EqualTo(Inbox.KeyOf("support@ACME.EXAMPLE")));
    }
}
