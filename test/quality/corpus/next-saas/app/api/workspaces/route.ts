import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';
import { getPostHog } from '@/lib/posthog';
import { stripe } from '@/lib/stripe';
import { segment } from '@/lib/segment';
import { hubspot, mixpanelApi, billingApi } from '@/lib/vendors';
import { auth } from '@/lib/auth';

export async function POST(req: Request) {
  const session = await auth();
  const { name } = await req.json();
  const owner = await prisma.user.findUniqueOrThrow({ where: { id: session.userId } });
  const workspace = await prisma.workspace.create({ data: { name, ownerId: owner.id } });

  // expect: mt/personal-data-to-third-party email,name,phone [posthog] the Prisma user spread into properties: its fields come from schema.prisma
  getPostHog().capture({ distinctId: owner.id, event: 'workspace_created', properties: { ...owner } });
  // quiet [posthog] the workspace row: a workspace name and a plan
  getPostHog().capture({ distinctId: owner.id, event: 'workspace_plan', properties: { workspace } });

  // expect: mt/personal-data-to-service email,name [stripe] a customer through the singleton() wrapper
  const customer = await stripe.customers.create({ email: owner.email, name: owner.name ?? undefined, metadata: { workspaceId: workspace.id } });
  // quiet [stripe] a subscription for the customer id and a price
  await stripe.subscriptions.create({ customer: customer.id, items: [{ price: process.env.STRIPE_PRICE_TEAM! }] });

  // expect: mt/personal-data-to-third-party email [segment] the singleton Segment client
  segment.identify({ userId: owner.id, traits: { email: owner.email, workspace: workspace.name } });

  // expect: mt/personal-data-to-third-party email,name [hubspot] a ky instance with HubSpot's prefixUrl called with a relative path
  await hubspot.post('crm/v3/objects/contacts', { json: { properties: { email: owner.email, firstname: owner.name } } });
  // quiet [hubspot] reading the property definitions
  await hubspot.get('crm/v3/properties/contacts').json();

  // expect: mt/personal-data-to-third-party email [mixpanel] an ofetch instance with Mixpanel's baseURL
  await mixpanelApi('/engage', { method: 'POST', body: [{ $token: process.env.MIXPANEL_TOKEN, $distinct_id: owner.id, $set: { $email: owner.email } }] });
  // quiet [mixpanel] our own billing service through an ofetch instance of the same shape
  await billingApi('/seats', { method: 'POST', body: { workspaceId: workspace.id, email: owner.email } });

  return NextResponse.json({ id: workspace.id });
}
