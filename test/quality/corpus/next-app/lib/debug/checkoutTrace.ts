// Writes through the console that out.ts hands over. This file names the console only in a comment
// (console.log(order) was here), yet the import brings it in: the file is evaluated and the line reported.
import { out } from './out';

export function traceCheckout(order: { id: string; shippingAddress: string }): void {
  // expect: mt/personal-data-in-logs postal-address [console] the shipping address, through the imported console
  out.info('checkout', order.id, order.shippingAddress);
}
