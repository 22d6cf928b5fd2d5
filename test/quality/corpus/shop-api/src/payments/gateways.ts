import braintree from 'braintree';
import { Paddle, Environment } from '@paddle/paddle-node-sdk';
import { lemonSqueezySetup, createCheckout, listProducts } from '@lemonsqueezy/lemonsqueezy.js';
import { Polar } from '@polar-sh/sdk';
import { Client as AdyenClient, CheckoutAPI } from '@adyen/api-library';
import { SquareClient, SquareEnvironment } from 'square';
import type { Customer, Order } from '../lib/types';
import { logger } from '../lib/logger';

const gateway = new braintree.BraintreeGateway({
  environment: braintree.Environment.Sandbox,
  merchantId: process.env.BT_MERCHANT_ID!,
  publicKey: process.env.BT_PUBLIC_KEY!,
  privateKey: process.env.BT_PRIVATE_KEY!,
});
const paddle = new Paddle(process.env.PADDLE_API_KEY!, { environment: Environment.sandbox });
lemonSqueezySetup({ apiKey: process.env.LEMONSQUEEZY_API_KEY! });
const polar = new Polar({ accessToken: process.env.POLAR_ACCESS_TOKEN! });
const adyen = new CheckoutAPI(new AdyenClient({ apiKey: process.env.ADYEN_API_KEY!, environment: 'TEST' }));
const square = new SquareClient({ token: process.env.SQUARE_ACCESS_TOKEN!, environment: SquareEnvironment.Sandbox });

export async function registerWithBraintree(customer: Customer) {
  // expect: mt/personal-data-to-service email,name,phone [braintree] the vault customer with contact details
  const result = await gateway.customer.create({ firstName: customer.firstName, lastName: customer.lastName, email: customer.email, phone: customer.phone });
  return result.customer.id;
}

export async function chargeWithBraintree(nonce: string, order: Order) {
  // quiet [braintree] an amount, a payment nonce and the order id
  const sale = await gateway.transaction.sale({ amount: (order.totalCents / 100).toFixed(2), paymentMethodNonce: nonce, orderId: order.id, options: { submitForSettlement: true } });
  // quiet [winston] the order id and the gateway's status
  logger.info('braintree sale', { orderId: order.id, status: sale.transaction?.status });
  return sale.success;
}

export async function paddleCustomer(customer: Customer) {
  // expect: mt/personal-data-to-service email,name [paddle] a Paddle customer with email and name
  return paddle.customers.create({ email: customer.email, name: `${customer.firstName} ${customer.lastName}` });
}

export async function paddlePrices() {
  // quiet [paddle] listing prices
  return paddle.prices.list({ status: ['active'] });
}

export async function lemonCheckout(customer: Customer, variantId: number) {
  // expect: mt/personal-data-to-service email,name [lemon-squeezy] checkout prefilled with the buyer's email and name
  return createCheckout(process.env.LS_STORE_ID!, variantId, { checkoutData: { email: customer.email, name: customer.firstName } });
}

export async function lemonProducts() {
  // quiet [lemon-squeezy] the store's products
  return listProducts({ filter: { storeId: process.env.LS_STORE_ID! } });
}

export async function polarCheckout(customer: Customer, productId: string) {
  // expect: mt/personal-data-to-service email,name [polar] the customer's email and name on the checkout
  return polar.checkouts.create({ products: [productId], customerEmail: customer.email, customerName: customer.firstName });
}

export async function adyenPay(order: Order, customer: Customer, paymentMethod: Record<string, unknown>) {
  // expect: mt/personal-data-to-service email,name [adyen] shopper email and name with the payment
  const res = await adyen.PaymentsApi.payments({
    amount: { currency: order.currency.toUpperCase(), value: order.totalCents },
    paymentMethod,
    reference: order.id,
    merchantAccount: process.env.ADYEN_MERCHANT!,
    shopperEmail: customer.email,
    shopperName: { firstName: customer.firstName, lastName: customer.lastName },
  });
  // quiet [adyen] payment methods for a country
  await adyen.PaymentsApi.paymentMethods({ merchantAccount: process.env.ADYEN_MERCHANT!, countryCode: 'NL' });
  return res.resultCode;
}

export async function squareCustomer(customer: Customer) {
  // expect: mt/personal-data-to-service email,name,phone [square] a Square customer profile
  await square.customers.create({ givenName: customer.firstName, familyName: customer.lastName, emailAddress: customer.email, phoneNumber: customer.phone });
  // quiet [square] the catalogue
  await square.catalog.list({ types: 'ITEM' });
}
