using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PersonId",
                table: "Assessments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonName",
                table: "Assessments",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PostId",
                table: "Assessments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostName",
                table: "Assessments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PersonId",
                table: "Assessments",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_PersonId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PersonName",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PostId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PostName",
                table: "Assessments");
        }
    }
}
