using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The keys kept so far are scoped by the workspace uuid as a URL spelled it and keep HTTP
            // answers, not results: neither can be carried over. They are forgotten (as they would
            // be within 24 hours anyway).
            migrationBuilder.Sql("DELETE FROM \"IdempotencyRecords\";");

            migrationBuilder.DropIndex(
                name: "IX_IdempotencyRecords_Scope_Key",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "ContentType",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "ETag",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "Location",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "StatusCode",
                table: "IdempotencyRecords");

            migrationBuilder.RenameColumn(
                name: "Scope",
                table: "IdempotencyRecords",
                newName: "CallerId");

            migrationBuilder.RenameColumn(
                name: "Body",
                table: "IdempotencyRecords",
                newName: "Result");

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "IdempotencyRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LeaseToken",
                table: "IdempotencyRecords",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "WorkspaceId",
                table: "IdempotencyRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_WorkspaceId_CallerId_Key",
                table: "IdempotencyRecords",
                columns: new[] { "WorkspaceId", "CallerId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"IdempotencyRecords\";");

            migrationBuilder.DropIndex(
                name: "IX_IdempotencyRecords_WorkspaceId_CallerId_Key",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "LeaseToken",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "WorkspaceId",
                table: "IdempotencyRecords");

            migrationBuilder.RenameColumn(
                name: "Result",
                table: "IdempotencyRecords",
                newName: "Body");

            migrationBuilder.RenameColumn(
                name: "CallerId",
                table: "IdempotencyRecords",
                newName: "Scope");

            migrationBuilder.AddColumn<string>(
                name: "ContentType",
                table: "IdempotencyRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ETag",
                table: "IdempotencyRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "IdempotencyRecords",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StatusCode",
                table: "IdempotencyRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Scope_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Scope", "Key" },
                unique: true);
        }
    }
}
