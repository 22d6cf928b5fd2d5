/** A tiny structured logger that writes JSON lines to stdout. */
export const logger = {
  info(message: string, fields: Record<string, unknown> = {}) {
    process.stdout.write(JSON.stringify({ level: 'info', message, ...fields }) + '\n');
  },
};
