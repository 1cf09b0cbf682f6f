import { MigrationInterface, QueryRunner } from 'typeorm';

// Arabic joins the languages a user, an external recipient and a closing line may have. Existing
// rows keep their language. (Added in the same transaction it is declared in, never used in it.)
export class ArabicLanguage1796900000000 implements MigrationInterface {
  name = 'ArabicLanguage1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE language ADD VALUE IF NOT EXISTS 'ar'`);
  }

  // PostgreSQL cannot drop an enum value: the type is rebuilt without it. Arabic choices fall back to
  // English and Arabic closing lines go, since the older code cannot show them.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM chronology_closing_lines WHERE language = 'ar';
      ALTER TYPE language RENAME TO language_with_arabic;
      CREATE TYPE language AS ENUM ('en', 'ru', 'fr', 'es');
      ALTER TABLE users ALTER COLUMN language DROP DEFAULT,
        ALTER COLUMN language TYPE language
          USING (CASE WHEN language::text = 'ar' THEN 'en' ELSE language::text END)::language,
        ALTER COLUMN language SET DEFAULT 'en';
      ALTER TABLE case_recipients ALTER COLUMN language DROP DEFAULT,
        ALTER COLUMN language TYPE language
          USING (CASE WHEN language::text = 'ar' THEN 'en' ELSE language::text END)::language,
        ALTER COLUMN language SET DEFAULT 'en';
      ALTER TABLE reminder_deliveries ALTER COLUMN language TYPE language
        USING (CASE WHEN language::text = 'ar' THEN 'en' ELSE language::text END)::language;
      ALTER TABLE chronology_closing_lines ALTER COLUMN language TYPE language USING language::text::language;
      DROP TYPE language_with_arabic;
    `);
  }
}
