import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import type Stripe from 'stripe';
import { STRIPE } from '../common/tokens';

export interface BillingAddress {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);

  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe,
    private readonly users: UsersRepository,
  ) {}

  async createCustomer(userId: string) {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundException();
    // expect: mt/personal-data-to-service email,name [stripe] an injected Stripe client creates the customer
    const customer = await this.stripe.customers.create({ email: user.email, name: user.fullName, metadata: { userId: user.id } });
    // quiet [nestjs-logger] ids only
    this.logger.log(`stripe customer ${customer.id} for user ${user.id}`);
    return customer.id;
  }

  async updateAddress(customerId: string, address: BillingAddress) {
    // quiet [stripe] a helper whose parameter is named address: its one caller passes a person's address and is reported there
    await this.stripe.customers.update(customerId, { address: { line1: address.line1, city: address.city, postal_code: address.postalCode, country: address.country } });
  }

  async checkout(customerId: string, priceId: string) {
    // quiet [stripe] a customer id, a price id and URLs
    const session = await this.stripe.checkout.sessions.create({
      customer: customerId,
      mode: 'subscription',
      line_items: [{ price: priceId, quantity: 1 }],
      success_url: 'https://acme-notes.test/billing?ok=1',
      cancel_url: 'https://acme-notes.test/billing',
    });
    return session.url;
  }

  async listPlans() {
    // quiet [stripe] reading the product catalogue
    const prices = await this.stripe.prices.list({ active: true, expand: ['data.product'] });
    return prices.data.map((p) => ({ id: p.id, amount: p.unit_amount }));
  }
}
