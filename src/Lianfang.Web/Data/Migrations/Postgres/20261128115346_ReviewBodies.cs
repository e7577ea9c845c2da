using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewBodies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attendees",
                table: "Reviews",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LeadingGroupMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Duty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadingGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadingGroupMembers_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LeadingGroupMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerPairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    PeerOrgUnitId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerPairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerPairs_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerPairs_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeerPairs_OrgUnits_PeerOrgUnitId",
                        column: x => x.PeerOrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LeadingGroupMembers_OrgUnitId_PersonId",
                table: "LeadingGroupMembers",
                columns: new[] { "OrgUnitId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadingGroupMembers_PersonId",
                table: "LeadingGroupMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerPairs_CampaignId_OrgUnitId",
                table: "PeerPairs",
                columns: new[] { "CampaignId", "OrgUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerPairs_CampaignId_PeerOrgUnitId",
                table: "PeerPairs",
                columns: new[] { "CampaignId", "PeerOrgUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerPairs_OrgUnitId",
                table: "PeerPairs",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerPairs_PeerOrgUnitId",
                table: "PeerPairs",
                column: "PeerOrgUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LeadingGroupMembers");

            migrationBuilder.DropTable(
                name: "PeerPairs");

            migrationBuilder.DropColumn(
                name: "Attendees",
                table: "Reviews");
        }
    }
}
