import type Stripe from 'stripe';
import { stripe } from '@/lib/stripe';
import { FROM, getResend } from '@/lib/email';

export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'invoice.paid') {
    const invoice = event.data.object as Stripe.Invoice;
    // expect: mt/personal-data-to-service email,name [resend] the receipt goes to the customer's address with their name, through a lazy getter
    await getResend().emails.send({ from: FROM, to: invoice.customer_email!, subject: 'Your receipt', text: `Thanks ${invoice.customer_name}, we received ${invoice.amount_paid / 100} USD.` });
  }
  if (event.type === 'invoice.payment_failed') {
    const invoice = event.data.object as Stripe.Invoice;
    // quiet [resend] the finance team's own inbox with the invoice id and amount
    await getResend().emails.send({ from: FROM, to: 'finance@acme-saas.test', subject: 'Payment failed', text: `Invoice ${invoice.id}: ${invoice.amount_due / 100} USD` });
  }
  return new Response('ok');
}
