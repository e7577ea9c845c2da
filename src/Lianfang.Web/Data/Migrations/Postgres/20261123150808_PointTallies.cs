using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PointTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // -1 marks points written before the tallies; PointTallies.BackfillAsync counts them after migrating.
            migrationBuilder.AddColumn<int>(
                name: "MeasureCount",
                table: "RiskPoints",
                type: "integer",
                nullable: false,
                defaultValue: -1);

            migrationBuilder.AddColumn<int>(
                name: "NewSystemCount",
                table: "RiskPoints",
                type: "integer",
                nullable: false,
                defaultValue: -1);

            migrationBuilder.AddColumn<int>(
                name: "RevisedSystemCount",
                table: "RiskPoints",
                type: "integer",
                nullable: false,
                defaultValue: -1);

            migrationBuilder.AddColumn<int>(
                name: "SupervisionMethodCount",
                table: "RiskPoints",
                type: "integer",
                nullable: false,
                defaultValue: -1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MeasureCount",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "NewSystemCount",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "RevisedSystemCount",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "SupervisionMethodCount",
                table: "RiskPoints");
        }
    }
}
