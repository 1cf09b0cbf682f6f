/**
 * SMTP connections the Mailer keeps open. The reminder worker runs as many jobs at once, so every
 * send in flight has a connection of its own instead of queueing inside nodemailer's pool. Kept
 * below the database pool (20): each job holds one database connection for its advisory lock.
 */
export const SMTP_MAX_CONNECTIONS = 16;
