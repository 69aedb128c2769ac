using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TemplateSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_Id",
                table: "WorkspaceTemplates");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "WorkspaceTemplates",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TaskCount",
                table: "WorkspaceTemplates",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Templates saved before: their name key and their task count.
            migrationBuilder.Sql(
                "UPDATE [WorkspaceTemplates] SET [NormalizedName] = UPPER(LTRIM(RTRIM([Name]))), "
                + "[TaskCount] = (SELECT COUNT(*) FROM OPENJSON([Blueprint], '$.tasks'));");

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

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "WorkspaceTemplates");

            migrationBuilder.DropColumn(
                name: "TaskCount",
                table: "WorkspaceTemplates");

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceTemplates_WorkspaceId_Id",
                table: "WorkspaceTemplates",
                columns: new[] { "WorkspaceId", "Id" });
        }
    }
}
