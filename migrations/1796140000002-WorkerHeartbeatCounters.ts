import { MigrationInterface, QueryRunner } from 'typeorm';

// The worker has no HTTP server: it hands its counters (reconcile runs, jobs restored) to the api's
// /metrics through its heartbeat row.
export class WorkerHeartbeatCounters1796140000002 implements MigrationInterface {
  name = 'WorkerHeartbeatCounters1796140000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE worker_heartbeats ADD COLUMN counters jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE worker_heartbeats DROP COLUMN counters`);
  }
}
