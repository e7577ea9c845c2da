using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Powers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FlowStepKey",
                table: "RiskPoints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PowerId",
                table: "RiskPoints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Powers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DisclosureForm = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DisclosureScope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DisclosureTime = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Fees = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Flow = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Powers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Powers_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_PowerId",
                table: "RiskPoints",
                column: "PowerId");

            migrationBuilder.CreateIndex(
                name: "IX_Powers_OrgUnitId_Category",
                table: "Powers",
                columns: new[] { "OrgUnitId", "Category" });

            migrationBuilder.AddForeignKey(
                name: "FK_RiskPoints_Powers_PowerId",
                table: "RiskPoints",
                column: "PowerId",
                principalTable: "Powers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RiskPoints_Powers_PowerId",
                table: "RiskPoints");

            migrationBuilder.DropTable(
                name: "Powers");

            migrationBuilder.DropIndex(
                name: "IX_RiskPoints_PowerId",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "FlowStepKey",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "PowerId",
                table: "RiskPoints");
        }
    }
}
