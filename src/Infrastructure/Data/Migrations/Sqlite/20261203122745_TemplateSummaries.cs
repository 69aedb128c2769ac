using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Infrastructure.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TaskCount",
                table: "WorkspaceTemplates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Templates saved before: their name key and their task count. SQLite's UPPER folds
            // ASCII letters only, so an older name with other letters may sort a little apart from
            // a newer one spelled alike; the order stays total and stable, so paging stays exact.
            migrationBuilder.Sql(
                "UPDATE \"WorkspaceTemplates\" SET \"NormalizedName\" = UPPER(TRIM(\"Name\")), "
                + "\"TaskCount\" = COALESCE(json_array_length(\"Blueprint\", '$.tasks'), 0);");

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
