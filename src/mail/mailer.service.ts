import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SMTP_MAX_CONNECTIONS } from './smtp-pool';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Fixed by the caller so every attempt of one message carries the same id. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** The domain of MAIL_FROM's address, for Message-IDs and calendar UIDs. */
export const mailDomain = (mailFrom: string): string => mailFrom.match(/@([^>\s]+)/)?.[1] ?? 'localhost';

/** Nodemailer over SMTP with a connection pool, from SMTP_URL and MAIL_FROM. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  readonly domain: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: SMTP_MAX_CONNECTIONS,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    this.domain = mailDomain(config.mailFrom);
  }

  /** Resolves with the Message-ID once the SMTP server has accepted the message; throws otherwise. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments,
    });
    return (info.messageId as string | undefined) ?? mail.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
