import type { NextApiRequest, NextApiResponse } from 'next';
import * as Sentry from '@sentry/nextjs';
import { PostHog } from 'posthog-node';
import { prisma } from '../../lib/prisma';

const posthog = new PostHog(process.env.POSTHOG_KEY!, { flushAt: 1, flushInterval: 0 });

type OrderInput = {
  items: { sku: string; qty: number }[];
  shipping: { name: string; street: string; city: string; zip: string; phone: string };
  giftMessage?: string;
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const input = req.body as OrderInput;
  const userId = req.headers['x-user-id'] as string;

  Sentry.setTag('route', '/api/orders');
  // quiet [sentry] number of line items
  Sentry.setExtra('itemCount', input.items.length);

  try {
    const order = await prisma.order.create({ data: { userId, items: { create: input.items }, shipping: { create: input.shipping } } });
    // quiet [posthog] ids, skus and quantities
    posthog.capture({ distinctId: userId, event: 'order_created', properties: { orderId: order.id, skus: input.items.map((i) => i.sku) } });
    // expect: mt/personal-data-to-third-party name,phone,postal-address [posthog] the shipping block spread into event properties
    posthog.capture({ distinctId: userId, event: 'order_shipping', properties: { ...input.shipping } });
    res.status(201).json({ id: order.id });
  } catch (err) {
    // expect: mt/personal-data-to-third-party name,phone,postal-address [sentry] the request body as error context
    Sentry.captureException(err, { extra: { body: req.body as OrderInput } });
    res.status(500).json({ error: 'order failed' });
  } finally {
    await posthog.shutdown();
  }
}
