import { MigrationInterface, QueryRunner } from 'typeorm';

// Each worker process writes its row every 30 seconds; the api's /health/worker, the dashboard and
// the compose health check (`cli worker:health`, by host) read when a worker was last seen.
export class WorkerHeartbeats1796140000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE worker_heartbeats (
        worker_id text PRIMARY KEY,
        host text NOT NULL,
        started_at timestamptz NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX worker_heartbeats_host_idx ON worker_heartbeats (host, seen_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE worker_heartbeats`);
  }
}
