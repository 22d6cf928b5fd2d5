import { Injectable } from '@nestjs/common';
import sgMail from '@sendgrid/mail';

const FROM = { email: 'hello@acme-notes.test', name: 'Acme Notes' };
const TEMPLATES = { reset: 'd-4f1c0e7b2a', digest: 'd-99a1b2c3d4' } as const;

@Injectable()
export class MailService {
  constructor() {
    sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');
  }

  /** Helper whose parameters are named for the person: the callers pass the real address and name. */
  async sendPasswordReset(email: string, name: string, link: string) {
    // quiet [sendgrid] every caller passes visible data; the finding belongs at the calls
    await sgMail.send({ to: email, from: FROM, templateId: TEMPLATES.reset, dynamicTemplateData: { name, link } });
  }

  /** Called by the digest queue's processor (outside this service), never with data visible here. */
  async sendWeeklyDigest(recipient: { email: string; firstName: string }, noteCount: number) {
    // expect: mt/personal-data-to-service email,name [sendgrid] no caller in the code: the helper reads the address and first name itself and keeps the finding
    await sgMail.send({ to: recipient.email, from: FROM, templateId: TEMPLATES.digest, dynamicTemplateData: { firstName: recipient.firstName, noteCount } });
  }

  async alertOps(subject: string, text: string) {
    // quiet [sendgrid] a fixed internal inbox and an operational message
    await sgMail.send({ to: 'ops@acme-notes.test', from: FROM, subject, text });
  }
}
