using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WorkspaceResources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assignments_Members_CreatedById",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_PhoneNumbers_WorkspaceId",
                table: "PhoneNumbers");

            migrationBuilder.DropIndex(
                name: "IX_Inboxes_WorkspaceId",
                table: "Inboxes");

            migrationBuilder.CreateTable(
                name: "WorkspaceTemplates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Uuid = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WorkspaceId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Blueprint = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspaceTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkspaceTemplates_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNumbers_WorkspaceId_Number",
                table: "PhoneNumbers",
                columns: new[] { "WorkspaceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Inboxes_WorkspaceId_Address",
                table: "Inboxes",
                columns: new[] { "WorkspaceId", "Address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceTemplates_Uuid",
                table: "WorkspaceTemplates",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_Id",
                table: "WorkspaceTemplates",
                columns: new[] { "WorkspaceId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkspaceTemplates");

            migrationBuilder.DropIndex(
                name: "IX_PhoneNumbers_WorkspaceId_Number",
                table: "PhoneNumbers");

            migrationBuilder.DropIndex(
                name: "IX_Inboxes_WorkspaceId_Address",
                table: "Inboxes");

            migrationBuilder.CreateIndex(
                name: "IX_PhoneNumbers_WorkspaceId",
                table: "PhoneNumbers",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Inboxes_WorkspaceId",
                table: "Inboxes",
                column: "WorkspaceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Assignments_Members_CreatedById",
                table: "Assignments",
                column: "CreatedById",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
