using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_Id",
                table: "Workflows");

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_CreatedAt_Id",
                table: "Workflows",
                columns: new[] { "WorkspaceId", "IsArchived", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_NormalizedName_Id",
                table: "Workflows",
                columns: new[] { "WorkspaceId", "IsArchived", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_UpdatedAt_Id",
                table: "Workflows",
                columns: new[] { "WorkspaceId", "IsArchived", "UpdatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_CreatedAt_Id",
                table: "Workflows");

            migrationBuilder.DropIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_NormalizedName_Id",
                table: "Workflows");

            migrationBuilder.DropIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_UpdatedAt_Id",
                table: "Workflows");

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_WorkspaceId_IsArchived_Id",
                table: "Workflows",
                columns: new[] { "WorkspaceId", "IsArchived", "Id" });
        }
    }
}
