using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditTimeOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastAt",
                table: "AuditCounters",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            // Each workspace's counter starts from the time of its latest entry.
            migrationBuilder.Sql("""
                UPDATE "AuditCounters" SET "LastAt" = COALESCE(
                    (SELECT MAX(e."At") FROM "AuditEntries" e WHERE e."WorkspaceId" = "AuditCounters"."WorkspaceId"),
                    "LastAt")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WorkspaceId_At_Sequence",
                table: "AuditEntries",
                columns: new[] { "WorkspaceId", "At", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_WorkspaceId_At_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "LastAt",
                table: "AuditCounters");
        }
    }
}
