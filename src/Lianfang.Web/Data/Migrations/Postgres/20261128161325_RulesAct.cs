using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RulesAct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Harm",
                table: "RiskPoints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Likelihood",
                table: "RiskPoints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Supervisor",
                table: "RiskPoints",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupervisorPersonId",
                table: "RiskPoints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckedItems",
                table: "Reviews",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FormFilings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListId = table.Column<int>(type: "integer", nullable: true),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    CommissionId = table.Column<int>(type: "integer", nullable: true),
                    FormCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FormTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FormFilings_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FormFilings_OrgUnits_CommissionId",
                        column: x => x.CommissionId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FormFilings_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FormFilings_RiskLists_ListId",
                        column: x => x.ListId,
                        principalTable: "RiskLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RiskPoints_SupervisorPersonId",
                table: "RiskPoints",
                column: "SupervisorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_FormFilings_CampaignId_OrgUnitId_FormCode_ListId",
                table: "FormFilings",
                columns: new[] { "CampaignId", "OrgUnitId", "FormCode", "ListId" });

            migrationBuilder.CreateIndex(
                name: "IX_FormFilings_CommissionId_CampaignId",
                table: "FormFilings",
                columns: new[] { "CommissionId", "CampaignId" });

            migrationBuilder.CreateIndex(
                name: "IX_FormFilings_ListId",
                table: "FormFilings",
                column: "ListId");

            migrationBuilder.CreateIndex(
                name: "IX_FormFilings_OrgUnitId",
                table: "FormFilings",
                column: "OrgUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormFilings");

            migrationBuilder.DropIndex(
                name: "IX_RiskPoints_SupervisorPersonId",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "Harm",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "Likelihood",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "Supervisor",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "SupervisorPersonId",
                table: "RiskPoints");

            migrationBuilder.DropColumn(
                name: "CheckedItems",
                table: "Reviews");
        }
    }
}
