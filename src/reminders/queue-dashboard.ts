import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { hasRole } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { toErrorBody } from '../common/error.filter';
import { DomainError, forbidden } from '../common/domain-error';
import { QueueName } from './reminder-queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Bull Board at /admin/queues, for admins only: a bearer token or the web session (SameSite=Lax). */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (!httpAdapter) {
      return; // no HTTP server (a standalone context)
    }
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(this.queue)], serverAdapter: board });
    const guard = (request: Request, response: Response, next: NextFunction): void => {
      this.auth
        .authenticateBearerOrSession(request)
        .then((user) => {
          if (!user) {
            throw new DomainError('UNAUTHENTICATED', 'Sign in as an admin to see the queues');
          }
          if (!hasRole(user, 'admin')) {
            throw forbidden('The queue dashboard is for admins');
          }
          next();
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          response.status(body.statusCode).json({ ...body, requestId: request.id });
        });
    };
    httpAdapter.getInstance().use(QUEUE_DASHBOARD_PATH, guard, board.getRouter());
  }
}
