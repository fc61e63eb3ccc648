/** The little of a logger that platform services need; Fastify's `app.log` (pino) fits it. */
export interface Log {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** For services started before, or without, an app whose logger they could share. */
export const consoleLog: Log = {
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};
