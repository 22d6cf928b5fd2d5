import { Router, type Request, type Response } from 'express';
import Rollbar from 'rollbar';
import { LDClient, init as ldInit } from '@launchdarkly/node-server-sdk';
import { stripe } from '../services/stripe';

const rollbar = new Rollbar({ accessToken: process.env.ROLLBAR_TOKEN, captureUncaught: true });
const ld: LDClient = ldInit(process.env.LD_SDK_KEY!);

export const payments = Router();

type PayoutBody = { accountNumber: string; routingNumber: string; accountHolder: string; amountCents: number };

payments.post('/payouts', async (req: Request<unknown, unknown, PayoutBody>, res: Response) => {
  const { accountNumber, routingNumber, accountHolder, amountCents } = req.body;
  // expect: mt/personal-data-to-third-party email [launchdarkly] the flag context carries the user's address
  const instantPayouts = await ld.variation('instant-payouts', { kind: 'user', key: req.user.id, email: req.user.email }, false);
  try {
    const payout = await stripe.payouts.create({ amount: amountCents, currency: 'usd', destination: req.user.stripeAccountId });
    // quiet [rollbar] amount and payout id
    rollbar.info('payout created', { payoutId: payout.id, amountCents, instant: instantPayouts });
    res.json({ id: payout.id });
  } catch (err) {
    // expect: mt/personal-data-to-third-party financial-account,name [rollbar] bank account details logged with the error
    rollbar.error(err as Error, { accountNumber, routingNumber, accountHolder });
    res.status(402).json({ error: 'payout_failed' });
  }
});

payments.get('/flags', async (req: Request, res: Response) => {
  // quiet [launchdarkly] a context with only the key and the plan
  const flags = await ld.allFlagsState({ kind: 'user', key: req.user.id, plan: req.user.plan });
  res.json(flags.toJSON());
});
