using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewSignatureIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Reviews_Signatures",
                table: "Reviews",
                columns: new[] { "ListId", "UserId" },
                filter: "\"VerificationCode\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_Signatures",
                table: "Reviews");
        }
    }
}
