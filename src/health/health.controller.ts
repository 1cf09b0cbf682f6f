import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MinRole, Public } from '../auth/auth.decorators';
import { ReminderQueueStats } from '../reminders/reminder-queue-ops';
import { HealthService, Readiness } from './health.service';
import { WorkerStatus } from './worker-heartbeat';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. */
  @Public()
  @Get()
  alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis answer; 503 otherwise, so orchestrators hold traffic back. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    const readiness = await this.health.readiness();
    response.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }

  /** A worker wrote a heartbeat within two minutes; 503 otherwise: reminders are not being sent. */
  @Public()
  @Get('worker')
  async worker(@Res({ passthrough: true }) response: Response): Promise<WorkerStatus> {
    const worker = await this.health.worker();
    response.status(worker.status === 'ok' ? 200 : 503);
    return worker;
  }

  /** Reminder queue depth and failures (admins). */
  @ApiBearerAuth()
  @MinRole('admin')
  @Get('queue')
  queue(): Promise<ReminderQueueStats> {
    return this.health.queue();
  }
}
