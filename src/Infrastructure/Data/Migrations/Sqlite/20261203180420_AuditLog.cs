using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditCounters",
                columns: table => new
                {
                    WorkspaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCounters", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_AuditCounters_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    ActorObjectId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ActorAppId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: true),
                    TargetUuid = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetName = table.Column<string>(type: "TEXT", maxLength: 640, nullable: true),
                    WorkflowVersion = table.Column<long>(type: "INTEGER", nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntries_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WorkspaceId_Action_Sequence",
                table: "AuditEntries",
                columns: new[] { "WorkspaceId", "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WorkspaceId_ActorMemberId_Sequence",
                table: "AuditEntries",
                columns: new[] { "WorkspaceId", "ActorMemberId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WorkspaceId_Sequence",
                table: "AuditEntries",
                columns: new[] { "WorkspaceId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_WorkspaceId_TargetType_TargetId_Sequence",
                table: "AuditEntries",
                columns: new[] { "WorkspaceId", "TargetType", "TargetId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditCounters");

            migrationBuilder.DropTable(
                name: "AuditEntries");
        }
    }
}
