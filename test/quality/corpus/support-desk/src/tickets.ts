import { Router } from 'express';
import * as Sentry from '@sentry/node';
import { PostHog } from 'posthog-node';
import { api } from '@opentelemetry/sdk-node';
import type { Caller, Requester, TicketAuthor, TicketStats } from './types';
import { ticketSchema, statsSchema, type TicketInput } from './schemas';
import { callAccounts } from './lib/internal-api';
import { log } from './lib/log';

const newrelic = require('newrelic');
const posthog = new PostHog(process.env.POSTHOG_KEY!, { host: 'https://eu.i.posthog.com' });
export const tickets = Router();

/** Called by the message worker (outside this router) with authors the engine cannot see. */
export function describeAuthor(author: TicketAuthor) {
  if (author.kind === 'customer') {
    // expect: mt/personal-data-to-third-party email,name [sentry] the customer branch of a discriminated union
    Sentry.setContext('author', author);
  } else {
    // quiet [sentry] the agent branch: ids, a team and a shift
    Sentry.setContext('author', author);
  }
}

tickets.post('/', async (req, res) => {
  const input: TicketInput = ticketSchema.parse(req.body);
  // expect: mt/personal-data-to-third-party email,name [sentry] a z.infer type: the schema's keys name the fields
  Sentry.setContext('ticket', input);
  // quiet [sentry] the category and priority of the same input
  Sentry.setTags({ category: input.category, priority: input.priority });
  // expect: mt/personal-data-to-third-party email [opentelemetry] a span attribute through the sdk-node api re-export
  api.trace.getActiveSpan()?.setAttribute('enduser.email', input.requesterEmail);
  // quiet [opentelemetry] the priority as a span attribute
  api.trace.getActiveSpan()?.setAttribute('ticket.priority', input.priority);
  // expect: mt/personal-data-to-third-party email [new-relic] the Node agent's custom attributes
  newrelic.addCustomAttributes({ requesterEmail: input.requesterEmail, category: input.category });
  // quiet [new-relic] a custom event with a category
  newrelic.recordCustomEvent('TicketOpened', { category: input.category, priority: input.priority });
  res.status(201).end();
});

tickets.post('/requesters', async (req, res) => {
  const requester = req.body as Requester;
  // expect: mt/personal-data-to-third-party email,name,phone [posthog] an intersection alias cast from the untyped body
  posthog.identify({ distinctId: requester.id, properties: requester });
  const caller = req.body as Caller;
  // quiet [posthog] only the locale of the union
  posthog.capture({ distinctId: caller.id, event: 'caller_seen', properties: { locale: caller.locale } });
  // expect: mt/personal-data-to-third-party email,name,phone [posthog] the whole union-typed caller: one member carries contact data
  posthog.capture({ distinctId: caller.id, event: 'caller_profile', properties: { caller } });
  res.end();
});

tickets.post('/stats', async (req, res) => {
  const stats = JSON.parse(req.body.raw) as TicketStats;
  // quiet [posthog] a cast to a stats type: ids and numbers
  posthog.capture({ distinctId: 'system', event: 'ticket_stats', properties: stats });
  const parsed = statsSchema.parse(req.body);
  // quiet [sentry] z.infer of a schema with ids and counts
  Sentry.setContext('stats', parsed);
  res.end();
});

tickets.get('/whois', async (req, res) => {
  const user = await fetch(`https://accounts.internal/users/${req.query.id}`).then((r) => r.json());
  // expect: mt/personal-data-to-third-party email,name [sentry] a whole object named user, fields unknown: inferred categories
  Sentry.setUser(user);
  // expect: mt/personal-data-to-third-party email,name [posthog] the same untyped customer as person properties (inferred)
  posthog.identify({ distinctId: String(req.query.id), properties: user });
  const order = await fetch(`https://orders.internal/orders/${req.query.orderId}`).then((r) => r.json());
  // quiet [sentry] an untyped object named order is not a person
  Sentry.setContext('order', order);
  // quiet [sentry] the user's id only
  Sentry.setUser({ id: String(req.query.id) });
  res.end();
});

tickets.post('/lookup', async (req, res) => {
  const { email, name } = req.body;
  // expect: mt/personal-data-in-logs email [pino] a GET: the email goes into the URL the helper logs
  const account = await callAccounts('GET', '/accounts/by-email', { email });
  // quiet [pino] a POST: the body is not logged
  await callAccounts('POST', '/accounts', { email, name });
  // quiet [pino] a GET with an id
  await callAccounts('GET', '/accounts/recent', { limit: '10' });
  // quiet [pino] ids only
  log.info({ accountId: account.id }, 'lookup done');
  res.json(account);
});

tickets.use((err: Error, req: any, res: any, _next: unknown) => {
  // expect: mt/personal-data-to-third-party email [new-relic] the requester's email as an attribute of the noticed error
  newrelic.noticeError(err, { requesterEmail: req.body?.requesterEmail });
  // quiet [new-relic] the error alone
  newrelic.noticeError(err);
  res.status(500).end();
});
