import { MigrationInterface, QueryRunner } from 'typeorm';

// An appeal's court (events.court, added with the stages of a case) is sealed by the app on a
// confidential entry like the entry's other free text; the database now refuses it unsealed too, as
// it does for the title, the description and the bail conditions (trigger of SealConfidentialFields).
export class SealedEventCourt1797500000000 implements MigrationInterface {
  name = 'SealedEventCourt1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER events_sealed ON events;
      CREATE TRIGGER events_sealed BEFORE INSERT OR UPDATE ON events FOR EACH ROW
        EXECUTE FUNCTION vigil_require_sealed('confidential', 'title', 'description', 'bail_conditions_note', 'court');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER events_sealed ON events;
      CREATE TRIGGER events_sealed BEFORE INSERT OR UPDATE ON events FOR EACH ROW
        EXECUTE FUNCTION vigil_require_sealed('confidential', 'title', 'description', 'bail_conditions_note');
    `);
  }
}
