using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianfang.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicationSeal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Publisher",
                table: "Publications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SigningKeyId",
                table: "Publications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Statement",
                table: "Publications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatementSignature",
                table: "Publications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationCode",
                table: "Publications",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Publications_VerificationCode",
                table: "Publications",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Publications_VerificationCode",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "Publisher",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "SigningKeyId",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "Statement",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "StatementSignature",
                table: "Publications");

            migrationBuilder.DropColumn(
                name: "VerificationCode",
                table: "Publications");
        }
    }
}
