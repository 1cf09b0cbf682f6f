import { Module } from '@nestjs/common';
import { DemoSeeder } from './seed-demo';

/** `npm run seed:demo`; needs the database, the audit log, the clock and the reminder planner around it. */
@Module({ providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
