import { Resend } from 'resend';

let resendClient: Resend | null = null;
export const getResend = () => (resendClient ??= new Resend(process.env.RESEND_API_KEY));

export const FROM = 'Acme Billing <billing@acme-saas.test>';
