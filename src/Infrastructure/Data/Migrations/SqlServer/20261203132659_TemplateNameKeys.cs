using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TemplateNameKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQL Server alters no column an index is built on: the list's index goes and comes back.
            migrationBuilder.DropIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_NormalizedName_Id",
                table: "WorkspaceTemplates");

            migrationBuilder.AlterColumn<string>(
                name: "NormalizedName",
                table: "WorkspaceTemplates",
                type: "nvarchar(800)",
                maxLength: 800,
                nullable: false,
                collation: "Latin1_General_100_BIN2",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_NormalizedName_Id",
                table: "WorkspaceTemplates",
                columns: new[] { "WorkspaceId", "NormalizedName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_NormalizedName_Id",
                table: "WorkspaceTemplates");

            migrationBuilder.AlterColumn<string>(
                name: "NormalizedName",
                table: "WorkspaceTemplates",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(800)",
                oldMaxLength: 800,
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_NormalizedName_Id",
                table: "WorkspaceTemplates",
                columns: new[] { "WorkspaceId", "NormalizedName", "Id" });
        }
    }
}
