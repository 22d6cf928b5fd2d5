import twilio from 'twilio';
import { Vonage } from '@vonage/server-sdk';
import { Auth } from '@vonage/auth';
import plivo from 'plivo';
import type { Customer } from '../lib/types';
import { logger } from '../lib/logger';

const messagebird = require('messagebird').initClient(process.env.MESSAGEBIRD_KEY);

const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
const vonage = new Vonage(new Auth({ apiKey: process.env.VONAGE_KEY, apiSecret: process.env.VONAGE_SECRET }));
const plivoClient = new plivo.Client(process.env.PLIVO_AUTH_ID, process.env.PLIVO_AUTH_TOKEN);
const SENDER = '+15005550006';
const OPS_PAGER = '+15005550009';

export async function sendDeliveryText(customer: Customer, eta: string) {
  // expect: mt/personal-data-to-service name,phone [twilio] an SMS to the customer's phone with their first name
  await client.messages.create({ to: customer.phone, from: SENDER, body: `Hi ${customer.firstName}, your order arrives ${eta}.` });
}

export async function pageOps(queue: string, depth: number) {
  // quiet [twilio] a fixed pager number and queue metrics
  await client.messages.create({ to: OPS_PAGER, from: SENDER, body: `Queue ${queue} depth ${depth}` });
}

export async function startPhoneVerification(phone: string) {
  try {
    // expect: mt/personal-data-to-service phone [twilio] the number to verify, with no caller in the code
    await client.verify.v2.services(process.env.TWILIO_VERIFY_SID!).verifications.create({ to: phone, channel: 'sms' });
  } catch (err) {
    // expect: mt/personal-data-in-logs phone [winston] the failing number in the warning
    logger.warn(`verification to ${phone} failed`, { error: (err as Error).message });
    // quiet [winston] the error message only
    logger.error('twilio verify error', { error: (err as Error).message });
  }
}

export async function vonageReminder(customer: Customer, when: string) {
  // expect: mt/personal-data-to-service phone [vonage] a reminder SMS to the customer's phone
  await vonage.sms.send({ to: customer.phone, from: 'AcmeShop', text: `Pickup reminder: ${when}` });
}

export async function messagebirdNotice(contact: { phoneNumber: string }, text: string) {
  // expect: mt/personal-data-to-service phone [messagebird] the contact's number as recipient
  messagebird.messages.create({ originator: 'AcmeShop', recipients: [contact.phoneNumber], body: text }, () => {});
}

export async function plivoAlert(contact: { mobileNumber: string }) {
  // expect: mt/personal-data-to-service phone [plivo] an alert to the contact's mobile number
  await plivoClient.messages.create({ src: SENDER, dst: contact.mobileNumber, text: 'Your return was received.' });
  // quiet [plivo] a text to the fixed ops pager
  await plivoClient.messages.create({ src: SENDER, dst: OPS_PAGER, text: 'Return received' });
}
