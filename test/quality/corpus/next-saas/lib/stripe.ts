import Stripe from 'stripe';
import { singleton } from './singleton';

export const stripe = singleton('stripe', () => new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' }));
