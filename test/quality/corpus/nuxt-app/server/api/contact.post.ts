import { log } from '~/server/utils/log';

export default defineEventHandler(async (event) => {
  const body = await readBody<{ email: string; phone: string; message: string }>(event);
  // expect: mt/personal-data-in-logs email,user-content [consola] who wrote and what, through Nuxt's ~ alias
  log.info(`contact from ${body.email}: ${body.message}`);
  // quiet [consola] the length of the message
  log.info(`contact form received (${body.message.length} chars)`);
  return { ok: true };
});
