'use server';

import * as Sentry from '@sentry/nextjs';
import { PostHog } from 'posthog-node';
import { db } from '@/lib/db';
import { encryptField } from '@/lib/kms';

const posthog = new PostHog(process.env.POSTHOG_API_KEY!);

/** Loan application: the form posts SSN, date of birth, income and a bank account. */
export async function submitApplication(formData: FormData) {
  const applicant = {
    firstName: String(formData.get('firstName')),
    lastName: String(formData.get('lastName')),
    ssn: String(formData.get('ssn')),
    dateOfBirth: String(formData.get('dob')),
    annualIncome: Number(formData.get('annualIncome')),
  };
  const routingNumber = formData.get('routingNumber') as string;
  const accountNumber = formData.get('accountNumber') as string;

  // expect: mt/personal-data-to-third-party date-of-birth,name,ssn [sentry] the applicant object as error context
  Sentry.setContext('applicant', applicant);

  const application = await db.application.create({
    data: {
      ...applicant,
      ssn: await encryptField(applicant.ssn),
      bankAccount: await encryptField(`${routingNumber}:${accountNumber}`),
    },
  });

  // quiet [posthog] id, a number bucket and a boolean
  posthog.capture({ distinctId: application.userId, event: 'application_submitted', properties: { incomeBand: applicant.annualIncome > 100000 ? 'high' : 'standard', hasBank: accountNumber.length > 0 } });
  // expect: mt/personal-data-to-third-party financial-account [posthog] raw account number as a property
  posthog.capture({ distinctId: application.userId, event: 'bank_linked', properties: { accountNumber } });
  // quiet [sentry] the application id and a tag value that is a status
  Sentry.setTag('application_status', application.status);
  return { id: application.id };
}

export async function uploadDocument(formData: FormData) {
  const file = formData.get('document') as File;
  // quiet [sentry] file name, size and type are not personal data
  Sentry.addBreadcrumb({ category: 'upload', data: { name: file.name, size: file.size, type: file.type } });
  const driversLicense = formData.get('driversLicenseNumber');
  // expect: mt/personal-data-to-third-party drivers-license [sentry] the license number typed into the form
  Sentry.setExtra('dl', driversLicense);
}
