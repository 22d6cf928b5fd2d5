import { ServerClient } from 'postmark';
import nodemailer from 'nodemailer';
import formData from 'form-data';
import Mailgun from 'mailgun.js';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Customer, Order } from '../lib/types';
import { logger } from '../lib/logger';

const postmark = new ServerClient(process.env.POSTMARK_TOKEN!);
const smtp = nodemailer.createTransport({ host: 'smtp.fastmail.com', port: 465, secure: true, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } });
const mg = new Mailgun(formData).client({ username: 'api', key: process.env.MAILGUN_KEY! });
const ses = new SESv2Client({ region: 'us-west-2' });
const DOMAIN = 'mg.acme-shop.test';

export async function sendReceipt(order: Order) {
  // expect: mt/personal-data-to-service email,name [postmark] the receipt to the buyer, with their name in the template model
  await postmark.sendEmailWithTemplate({ From: 'shop@acme-shop.test', To: order.customerEmail, TemplateAlias: 'receipt', TemplateModel: { name: order.customerName, total: order.totalCents / 100 } });
  // expect: mt/personal-data-in-logs email [winston] the buyer's address in the info log
  logger.info('receipt sent', { orderId: order.id, to: order.customerEmail });
  // quiet [winston] the order id and total
  logger.info('receipt queued', { orderId: order.id, totalCents: order.totalCents });
}

export async function notifyWarehouse(order: Order) {
  // quiet [postmark] the warehouse inbox gets SKUs and quantities
  await postmark.sendEmail({ From: 'shop@acme-shop.test', To: 'warehouse@acme-shop.test', Subject: `Order ${order.id}`, TextBody: order.items.map((i) => `${i.qty} x ${i.sku}`).join('\n') });
}

export async function sendShippingUpdate(customer: Customer, tracking: string) {
  // expect: mt/personal-data-to-service email,name [nodemailer] an SMTP send to the customer's address
  await smtp.sendMail({ from: '"Acme Shop" <shop@acme-shop.test>', to: customer.email, subject: 'Your order shipped', text: `Hi ${customer.firstName}, tracking: ${tracking}` });
}

export async function checkSmtp() {
  // quiet [nodemailer] checking the connection
  await smtp.verify();
}

export async function sendNewsletter(subscriber: { email: string }, issue: { subject: string; html: string }) {
  // expect: mt/personal-data-to-service email [mailgun] a newsletter issue to a subscriber
  await mg.messages.create(DOMAIN, { from: 'News <news@acme-shop.test>', to: [subscriber.email], subject: issue.subject, html: issue.html });
}

export async function mailgunDomains() {
  // quiet [mailgun] listing sending domains
  return mg.domains.list();
}

export async function sendPasswordChanged(customer: Customer) {
  // expect: mt/personal-data-to-service email [amazon-ses] a security notice to the customer through SES
  await ses.send(new SendEmailCommand({ FromEmailAddress: 'security@acme-shop.test', Destination: { ToAddresses: [customer.email] }, Content: { Simple: { Subject: { Data: 'Password changed' }, Body: { Text: { Data: 'If this was not you, contact support.' } } } } }));
}
