import { Resend } from 'resend';
import { env } from '$env/dynamic/private';

export const mailer = new Resend(env.RESEND_API_KEY);
