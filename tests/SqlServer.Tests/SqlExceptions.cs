using System.Reflection;
using Microsoft.Data.SqlClient;

namespace Workflows.SqlServer.Tests;

/// <summary>
/// Real <see cref="SqlException"/>s with a given error number. SqlClient gives them no public
/// constructor, so they are built as SqlClient builds them: an <c>SqlError</c> in an
/// <c>SqlErrorCollection</c>, turned into the exception by <c>SqlException.CreateException</c>.
/// </summary>
public static class SqlExceptions
{
    private const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;

    public static SqlException WithNumber(int number, string message = "SQL Server refused the statement.", byte severity = 16)
    {
        var error = NewError(number, message, severity);
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructor(Internal, Type.EmptyTypes)!.Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])
            ?? throw new InvalidOperationException("SqlException.CreateException(SqlErrorCollection, string) is gone from this SqlClient.");
        var exception = (SqlException)create.Invoke(null, [errors, "16.00.1000"])!;
        Assert.That(exception.Number, Is.EqualTo(number), "the exception carries the error's number");
        return exception;
    }

    /// <summary>The widest internal constructor of SqlError, each argument filled by its name.</summary>
    private static SqlError NewError(int number, string message, byte severity)
    {
        var constructor = typeof(SqlError).GetConstructors(Internal).OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.Name switch
        {
            "infoNumber" => number,
            "errorState" => (byte)1,
            "errorClass" => severity,
            "server" => "sqlserver.invalid",
            "errorMessage" => message,
            "procedure" => "",
            "lineNumber" => 1,
            "win32ErrorCode" => 0,
            _ => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null,
        }).ToArray();
        return (SqlError)constructor.Invoke(arguments);
    }
}
