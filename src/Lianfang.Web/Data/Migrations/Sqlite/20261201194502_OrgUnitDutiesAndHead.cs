using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrgUnitDutiesAndHead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Duties",
                table: "OrgUnits",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HeadPersonId",
                table: "OrgUnits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IntegrityDuties",
                table: "OrgUnits",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_HeadPersonId",
                table: "OrgUnits",
                column: "HeadPersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_OrgUnits_People_HeadPersonId",
                table: "OrgUnits",
                column: "HeadPersonId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OrgUnits_People_HeadPersonId",
                table: "OrgUnits");

            migrationBuilder.DropIndex(
                name: "IX_OrgUnits_HeadPersonId",
                table: "OrgUnits");

            migrationBuilder.DropColumn(
                name: "Duties",
                table: "OrgUnits");

            migrationBuilder.DropColumn(
                name: "HeadPersonId",
                table: "OrgUnits");

            migrationBuilder.DropColumn(
                name: "IntegrityDuties",
                table: "OrgUnits");
        }
    }
}
