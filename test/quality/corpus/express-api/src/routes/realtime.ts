import { Server } from 'socket.io';
import Koa from 'koa';
import * as Sentry from '@sentry/node';
import { PostHog } from 'posthog-node';

const posthog = new PostHog(process.env.POSTHOG_KEY!);

export function attachRealtime(io: Server) {
  io.on('connection', (socket) => {
    const userId = socket.data.userId as string;
    // expect: mt/personal-data-to-third-party ip-address [posthog] the socket's client address
    posthog.capture({ distinctId: userId, event: 'socket_connected', properties: { address: socket.handshake.address } });
    socket.on('disconnect', (reason) => {
      // quiet [posthog] the disconnect reason
      posthog.capture({ distinctId: userId, event: 'socket_disconnected', properties: { reason } });
    });
  });
}

export const app = new Koa();

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    // expect: mt/personal-data-to-third-party ip-address [sentry] Koa's ctx.ip is the client's address
    Sentry.setContext('request', { path: ctx.path, ip: ctx.ip });
    // quiet [sentry] the request path and status
    Sentry.setTag('status', String(ctx.status));
    throw err;
  }
});
